using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Security;

/// <summary>Every answer, page or API, carries the security headers; pages run no inline script but the import map, by its nonce.</summary>
public sealed partial class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/c/no-such-competition")]
    public async Task Page_AnyAnswer_ForbidsInlineScriptButItsImportMap(string path)
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        using var response = await client.GetPathAsync(path);
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scripts = Directive(policy, "script-src");
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.Ordinal);
        Assert.Contains("'self'", scripts, StringComparison.Ordinal);
        Assert.Equal("'self'", Directive(policy, "frame-ancestors"));
        Assert.Equal("'none'", Directive(policy, "object-src"));
        Assert.Contains("'unsafe-inline'", Directive(policy, "style-src"), StringComparison.Ordinal);
        var nonce = NonceSource().Match(scripts).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Page_NoSuchAddress_CarriesTheHeaders()
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        using var response = await client.GetPathAsync("/no/such/page");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("script-src 'self' 'nonce-", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Page_TwoRequests_GetDifferentNonces()
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        using var first = await client.GetPathAsync("/");
        using var second = await client.GetPathAsync("/");

        // Assert
        Assert.NotEqual(Directive(Assert.Single(first.Headers.GetValues("Content-Security-Policy")), "script-src"),
            Directive(Assert.Single(second.Headers.GetValues("Content-Security-Policy")), "script-src"));
    }

    [Fact]
    public async Task ApiPage_RunsItsOwnInlineStartButLoadsOnlyFromThisSiteAndIsNeverFramed()
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        using var response = await client.GetPathAsync("/scalar/v1");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // Assert: Scalar starts from an inline module without a nonce; everything else comes from 'self'
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<script type=\"module\">", html, StringComparison.Ordinal);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal("'self' 'unsafe-inline'", Directive(policy, "script-src"));
        Assert.Equal("'self'", Directive(policy, "connect-src"));
        Assert.Equal("'none'", Directive(policy, "frame-ancestors"));
        AssertCommonHeaders(response);
    }

    [Theory]
    [InlineData("/api/v1/competitions", HttpStatusCode.OK)]
    [InlineData("/api/v1/submissions/1", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task Api_AnyAnswer_LoadsNothingAndCarriesTheHeaders(string path, HttpStatusCode status)
    {
        // Arrange
        using var client = factory.Anonymous();

        // Act
        using var response = await client.GetPathAsync(path);

        // Assert
        Assert.Equal(status, response.StatusCode);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal("'none'", Directive(policy, "default-src"));
        Assert.Equal("'none'", Directive(policy, "frame-ancestors"));
        AssertCommonHeaders(response);
    }

    [Fact]
    public async Task Hsts_Development_NotSent()
    {
        // Arrange
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example/") });

        // Act
        using var response = await client.GetPathAsync("/api/v1/competitions");

        // Assert
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_ProductionOverHttps_Sent()
    {
        // Arrange
        await using var production = new ProductionPortalFactory();
        using var client = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example/") });

        // Act
        using var response = await client.GetPathAsync("/api/v1/competitions");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        AssertCommonHeaders(response);
    }

    private static void AssertCommonHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>The sources of one directive of a policy ("" when it is not there).</summary>
    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries)
            .Where(d => d.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(d => d[(name.Length + 1)..])
            .SingleOrDefault() ?? "";

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=_-]+)'")]
    private static partial Regex NonceSource();
}
