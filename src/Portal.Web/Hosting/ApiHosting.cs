using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Web.Api;
using Portal.Application.Access;

namespace Portal.Web.Hosting;

/// <summary>Registers the HTTP API: OpenAPI, problem details, the submission rate limiter.</summary>
public static class ApiHosting
{
    public const string SubmissionLimiter = "submissions";

    public static IHostApplicationBuilder AddPortalApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer<BearerSecurityScheme>());
        builder.Services.AddProblemDetails();
        // Binding failures are thrown, so ApiBadRequests can name the field instead of a bare 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<UploadLimits>();
        builder.Services.AddSingleton(sp => new Uploads.StagedUploads(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<UploadLimits>().ModelBody));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => new ValueTask(RejectAsync(context, api));
            options.AddPolicy(SubmissionLimiter, context =>
            {
                var viewer = Viewer.From(context.User);
                var key = viewer.TokenTeamId?.ToString(CultureInfo.InvariantCulture) ?? viewer.UserId ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = api.SubmissionPermits,
                    Window = api.SubmissionWindow,
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }

    /// <summary>The limiter's 429: when to try again (<c>Retry-After</c>, in seconds) and why, as a problem.</summary>
    private static Task RejectAsync(OnRejectedContext context, ApiOptions api)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : api.SubmissionWindow;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
            $"Too many requests: at most {api.SubmissionPermits} every {api.SubmissionWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds. Try again in {seconds} seconds.");
    }
}
