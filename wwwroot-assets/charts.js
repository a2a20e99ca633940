// The portal's charts draw with ECharts' SVG renderer at their container's width (Width="auto"). The SVG renderer writes
// its init width into the <svg> element before it measures the container, and "auto" is not a length (a console error);
// left out, ECharts measures the container just as "auto" asks, so "auto" is dropped here before ECharts sees it.
(function () {
    const init = echarts.init;
    echarts.init = function (dom, theme, opts) {
        if (opts && (opts.width === "auto" || opts.width === null)) {
            opts = Object.assign({}, opts);
            delete opts.width;
        }

        return init.call(this, dom, theme, opts);
    };
})();
