namespace Portal.Web.Features.Demo;
public sealed class DemoSeeder { public Task SeedIfEmptyAsync(CancellationToken cancellationToken) => Task.CompletedTask; }
