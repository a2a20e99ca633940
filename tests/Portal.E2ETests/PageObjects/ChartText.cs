using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>
/// The text the page's charts draw (ECharts' SVG renderer: axis labels and titles, legends, colour-scale labels, cell
/// labels are &lt;text&gt; elements), read as the browser lays it out.
/// </summary>
public sealed class ChartText(IPage page)
{
    // Each chart's <svg> on its own: for every two of its visible, non-empty texts whose boxes overlap by more than the
    // tolerance on both axes, one line naming both texts and their boxes.
    private const string OverlapsScript = """
        tolerance => {
            const box = r => `[${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}]`;
            const overlaps = [];
            for (const svg of document.querySelectorAll('svg')) {
                const texts = [...svg.querySelectorAll('text')]
                    .filter(t => t.textContent.trim() !== '' && getComputedStyle(t).display !== 'none' && getComputedStyle(t).visibility !== 'hidden'
                        && t.getAttribute('opacity') !== '0' && t.getAttribute('fill-opacity') !== '0')
                    .map(t => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }))
                    .filter(t => t.r.width > 0 && t.r.height > 0);
                for (let i = 0; i < texts.length; i++) {
                    for (let j = i + 1; j < texts.length; j++) {
                        const a = texts[i].r, b = texts[j].r;
                        if (a.left + tolerance < b.right && b.left + tolerance < a.right && a.top + tolerance < b.bottom && b.top + tolerance < a.bottom) {
                            overlaps.push(`(chart ${Math.round(svg.getBoundingClientRect().width)} px wide) "${texts[i].text}" ${box(a)} overlaps "${texts[j].text}" ${box(b)}`);
                        }
                    }
                }
            }
            return overlaps;
        }
        """;

    // A signature of every chart text's place, to see when the charts' animations have settled.
    private const string LayoutScript = """
        () => [...document.querySelectorAll('svg text')].map(t => { const r = t.getBoundingClientRect(); return `${t.textContent}@${Math.round(r.left)},${Math.round(r.top)}`; }).join('|')
        """;

    /// <summary>How many charts under <paramref name="selector"/> have drawn text.</summary>
    public Task<int> ChartsWithTextAsync(string selector) => page.Locator($"{selector} svg:has(text)").CountAsync();

    /// <summary>Waits until the chart texts stop moving (ECharts animates them in), then lists every overlap.</summary>
    public async Task<IReadOnlyList<string>> OverlapsAsync(double tolerancePx = 1)
    {
        var previous = "";
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var layout = await page.EvaluateAsync<string>(LayoutScript);
            if (layout.Length > 0 && layout == previous)
            {
                break;
            }

            previous = layout;
            await page.WaitForTimeoutAsync(250);
        }

        return await page.EvaluateAsync<string[]>(OverlapsScript, tolerancePx);
    }
}
