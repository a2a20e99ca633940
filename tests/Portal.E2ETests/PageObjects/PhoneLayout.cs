using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>What a narrow screen cuts off: the page wider than the window, a button whose label is clipped, a table that
/// runs past the window without a scrolling container of its own.</summary>
public sealed class PhoneLayout(IPage page)
{
    private const string ProblemsScript = """
        () => {
            const problems = [];
            const width = document.documentElement.clientWidth;
            const visible = e => e.offsetParent !== null && e.getBoundingClientRect().width > 0;
            if (document.documentElement.scrollWidth > width + 1) {
                const past = [...document.body.querySelectorAll('*')].filter(e => visible(e) && e.getBoundingClientRect().right > width + 1 && !scrolled(e));
                // The innermost of them name the culprit: an element past the edge none of whose children is.
                const culprits = past.filter(e => !past.some(other => other !== e && e.contains(other))).slice(0, 3)
                    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ending at ${Math.round(e.getBoundingClientRect().right)} px`);
                problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window (${culprits.join('; ')})`);
            }
            for (const button of document.querySelectorAll('.mud-button-root')) {
                if (!visible(button)) continue;
                const text = button.innerText.trim();
                const label = button.querySelector('.mud-button-label') || button;
                if (label.scrollWidth > label.clientWidth + 1 || button.scrollWidth > button.clientWidth + 1) {
                    problems.push(`button "${text}" is cut (${label.scrollWidth} px of text in ${label.clientWidth} px)`);
                }
                const box = button.getBoundingClientRect();
                if (box.right > width + 1 && !scrolled(button)) {
                    problems.push(`button "${text}" ends at ${Math.round(box.right)} px`);
                }
            }
            for (const table of document.querySelectorAll('table')) {
                if (!visible(table)) continue;
                const box = table.getBoundingClientRect();
                if (box.right > width + 1 && !scrolled(table)) {
                    problems.push(`table "${table.innerText.trim().slice(0, 40)}" ends at ${Math.round(box.right)} px and does not scroll`);
                }
            }
            return problems;

            // Inside a container that scrolls sideways and itself fits the window.
            function scrolled(element) {
                for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
                    const overflow = getComputedStyle(e).overflowX;
                    if ((overflow === 'auto' || overflow === 'scroll') && e.getBoundingClientRect().right <= width + 1) {
                        return true;
                    }
                }
                return false;
            }
        }
        """;

    public async Task<IReadOnlyList<string>> ProblemsAsync()
    {
        // A click's ripple is a circle wider than its button until it fades (under a second): it would read as a cut label.
        await page.WaitForFunctionAsync("() => !document.querySelector('.mud-ripple-effect')");
        return await page.EvaluateAsync<string[]>(ProblemsScript);
    }
}
