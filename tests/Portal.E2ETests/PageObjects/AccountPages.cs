using Microsoft.Playwright;

namespace Portal.E2ETests.PageObjects;

/// <summary>Sign-up and sign-in screens.</summary>
public sealed class AccountPages(IPage page)
{
    public async Task SignUpAsync(string name, string email, string password)
    {
        await page.GotoAsync("Account/Register");
        await page.FillAsync("#name", name);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=register-submit]");
        await page.WaitForSelectorAsync("[data-testid=signed-in-as]");
    }

    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("Account/Login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForSelectorAsync("[data-testid=signed-in-as]");
    }
}
