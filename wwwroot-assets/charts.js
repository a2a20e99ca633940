// The portal's charts (Vizor.ECharts, SVG renderer, Width="auto"): two fixes around echarts.init.
// 1. The SVG renderer writes its init width into the <svg> element before it measures the container, and "auto" is not a
//    length (a console error); left out, ECharts measures the container just as "auto" asks.
// 2. Vizor resizes a chart only when the window resizes; a chart whose container changes width (a tab shown, a column
//    reflowed, a scroll bar) kept its first size and label layout. Each chart follows its container instead.
(function () {
    const init = echarts.init;
    echarts.init = function (dom, theme, opts) {
        if (opts && (opts.width === "auto" || opts.width === null)) {
            opts = Object.assign({}, opts);
            delete opts.width;
        }

        const chart = init.call(this, dom, theme, opts);
        if (dom && typeof ResizeObserver === "function") {
            const observer = new ResizeObserver(() => {
                if (chart.isDisposed()) {
                    observer.disconnect();
                } else if (chart.getWidth() !== dom.clientWidth) {
                    chart.resize();
                }
            });
            observer.observe(dom);
        }

        return chart;
    };
})();
