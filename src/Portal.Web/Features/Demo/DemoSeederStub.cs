namespace Portal.Web.Features.Demo;
public sealed class DemoSeeder { public const string Slug = "mask-demo"; public Task SeedIfEmptyAsync(CancellationToken cancellationToken) => Task.CompletedTask; }
