using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Web.Features.Access;

namespace Portal.Web.Hosting;

/// <summary>Registers the HTTP API: OpenAPI, problem details, the submission rate limiter.</summary>
public static class ApiHosting
{
    public const string SubmissionLimiter = "submissions";

    public static IHostApplicationBuilder AddPortalApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddProblemDetails();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SubmissionLimiter, context =>
            {
                var viewer = Viewer.From(context.User);
                var key = viewer.TokenTeamId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? viewer.UserId ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
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
}
