using System.Security.Cryptography;

namespace Portal.Web.Hosting;

/// <summary>
/// The security headers of every response, pages and API alike: a Content-Security-Policy, <c>nosniff</c> and the
/// referrer policy (HSTS is <c>UseHsts</c>, outside development). Pages get a fresh script nonce per request for the
/// one inline script Blazor writes (the import map); nothing else inline may run.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Pages: scripts from this site only (Blazor, MudBlazor, Vizor.ECharts), plus the import map by its nonce; no inline
    /// script, no <c>javascript:</c> URL. <c>'unsafe-eval'</c> because Vizor.ECharts reads each chart's options with
    /// <c>eval</c> (the options are JSON the server wrote, never text a visitor typed). Inline styles because MudBlazor
    /// sets them on its components. Images from https too, for pictures in a competition's description.
    /// </summary>
    private static string PagePolicy(string nonce, string connect) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
        $"img-src 'self' data: https:; font-src 'self' data:; connect-src 'self'{connect}; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'self'";

    /// <summary>The API answers JSON, CSV and images: nothing in them may load anything or be framed.</summary>
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The API page (<c>/scalar</c>, Scalar.AspNetCore): its script and styles from this site, plus the one inline module
    /// that starts it with the document's address (it takes no nonce); calls to this site's API only, never framed.
    /// </summary>
    private const string ApiPagePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>In development, <c>dotnet watch</c> reloads the browser over its own local websocket.</summary>
    private const string DevelopmentConnect = " ws://localhost:* wss://localhost:*";

    private const string ReferrerPolicy = "strict-origin-when-cross-origin";

    private static readonly object NonceKey = new();

    /// <summary>Sets the headers on every response, and HSTS outside development.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        var connect = app.Environment.IsDevelopment() ? DevelopmentConnect : "";
        app.Use(async (context, next) =>
        {
            var api = IsApi(context.Request);
            var apiPage = context.Request.Path.StartsWithSegments("/scalar");
            var nonce = api || apiPage ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            if (nonce is not null)
            {
                context.Items[NonceKey] = nonce;
            }

            // Set as the response starts, so an error page or a re-executed status page gets them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = apiPage ? ApiPagePolicy : nonce is null ? ApiPolicy : PagePolicy(nonce, connect);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                return Task.CompletedTask;
            });
            await next(context);
        });
        return app;
    }

    /// <summary>This request's script nonce, for the inline scripts a page must write (the import map); null outside pages.</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;

    /// <summary>Whether a request is for the JSON API or its description rather than a page.</summary>
    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi");
    }
}
