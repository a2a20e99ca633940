using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portal.Application.Hosting;
using Portal.Core.Randomness;
using Portal.Data;
using Portal.Data.Entities;
using Portal.Application.Competitions;
using Portal.Application.Teams;

namespace Portal.LoadTest;

/// <summary>
/// A portal with a competition of <c>images</c> hidden images and <c>teams</c> teams with API tokens: the portal in
/// this process on a loopback Kestrel port (<see cref="StartAsync"/>), or one running elsewhere, set up through
/// Portal's services over its database and files (<see cref="OverAsync"/>).
/// </summary>
internal sealed class LoadScenario : IAsyncDisposable
{
    private readonly IHost? _host;

    private LoadScenario(WebApplicationFactory<Program> factory, string data, string baseUrl)
    {
        Factory = factory;
        Services = factory.Services;
        DataDirectory = data;
        BaseUrl = baseUrl;
    }

    private LoadScenario(IHost host, string data, string baseUrl)
    {
        _host = host;
        Factory = null!;
        Services = host.Services;
        DataDirectory = data;
        BaseUrl = baseUrl;
    }

    /// <summary>The portal in this process; null (not set) over a portal running elsewhere.</summary>
    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>Portal's services over the portal's database and files: this process's app, or a host without a worker.</summary>
    public IServiceProvider Services { get; }

    /// <summary>This process's folder: the portal's data (in-process), or a scratch folder for the hidden set.</summary>
    public string DataDirectory { get; }
    public string BaseUrl { get; }
    public string Slug { get; private set; } = "";
    public int CompetitionId { get; private set; }
    public List<(int TeamId, string Token)> Teams { get; } = [];
    public string[] ImageIds { get; private set; } = [];
    public byte[] Truth { get; private set; } = [];

    public static async Task<LoadScenario> StartAsync(int images, int teams, int dailyLimit, int jobConcurrency, bool runWorker = true)
    {
        var data = Path.Combine(Path.GetTempPath(), "portal-load-" + Guid.NewGuid().ToString("N"));
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Portal:DataDirectory", data);
            b.UseSetting("Portal:SeedDemo", "false");
            b.UseSetting("Portal:AdminPassword", "Load-test-1");
            b.UseSetting("Api:SubmissionPermits", "1000000");
            b.UseSetting("Jobs:Concurrency", jobConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Jobs:RunWorker", runWorker ? "true" : "false");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            // LOAD_SQL_LOG_LEVEL=Information prints every SQL command the portal runs (to count them per request).
            b.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("LOAD_SQL_LOG_LEVEL") ?? "Warning");
            b.UseEnvironment("Production");
        });
        // A free loopback port: UseKestrel(0) leaves the port unset, so Kestrel takes its default 5000, which another run may hold.
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var scenario = new LoadScenario(factory, data, address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        await scenario.SetUpAsync(images, teams, dailyLimit);
        return scenario;
    }

    /// <summary>
    /// A portal running at <paramref name="baseUrl"/>, set up through Portal's services built with
    /// <paramref name="settings"/> (its <c>Database:*</c>, and <c>Portal:DataDirectory</c> or <c>Portal:FilesDirectory</c>
    /// naming its files), which reach the same database and files as the portal's own processes.
    /// </summary>
    public static async Task<LoadScenario> OverAsync(string baseUrl, IReadOnlyDictionary<string, string?> settings, int images, int teams, int dailyLimit)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "portal-load-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Portal:DataDirectory"] = scratch, ["Jobs:RunWorker"] = "false" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortalData();
        builder.AddPortalFeatures();
        builder.AddPortalJobs();
        var scenario = new LoadScenario(builder.Build(), scratch, baseUrl.TrimEnd('/') + "/");
        await scenario.SetUpAsync(images, teams, dailyLimit);
        return scenario;
    }

    private async Task SetUpAsync(int images, int teams, int dailyLimit)
    {
        var services = Services;
        Slug = "load-" + Guid.NewGuid().ToString("N")[..8];
        var competitions = services.GetRequiredService<CompetitionService>();
        var (id, error) = await competitions.CreateAsync(new CompetitionSettings
        {
            Slug = Slug,
            Title = "Load test",
            StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(10),
            DailySubmissionLimit = dailyLimit,
        });
        CompetitionId = id ?? throw new InvalidOperationException(error);

        // A hidden set of hash-named images: one-pixel PNGs of a few colours (the import decodes each; models can run on them).
        var folder = Path.Combine(DataDirectory, "seed");
        Directory.CreateDirectory(folder);
        var rng = new DeterministicRandom(7);
        ImageIds = Enumerable.Range(0, images).Select(i => Convert.ToHexStringLower(BitConverter.GetBytes(rng.NextUInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(rng.NextUInt64())) + $"{i:x8}.jpg").ToArray();
        Truth = ImageIds.Select(_ => (byte)rng.NextInt(18)).ToArray();
        var info = new StringBuilder("ImageID,ans\n");
        for (var i = 0; i < images; i++)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, ImageIds[i]), Pixels[i % Pixels.Length]);
            info.Append(ImageIds[i]).Append(',').Append(Truth[i]).Append('\n');
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "info.csv"), info.ToString());
        var imported = await services.GetRequiredService<HiddenSetImporter>().ImportFolderAsync(CompetitionId, folder, moveFiles: true);
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", imported.Problems));
        }

        await competitions.OpenAsync(CompetitionId);
        var dbFactory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var teamService = services.GetRequiredService<TeamService>();
        await using var db = await dbFactory.CreateDbContextAsync();
        for (var t = 0; t < teams; t++)
        {
            var team = new Team { CompetitionId = CompetitionId, Name = $"Team {t:000}", InviteCode = TeamTokens.NewInviteCode(), CreatedAtUtc = DateTime.UtcNow };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            Teams.Add((team.Id, await teamService.RotateTokenAsync(team.Id)));
        }
    }

    private static readonly byte[][] Pixels = [.. Enumerable.Range(0, 8).Select(OnePixelPng)];

    private static byte[] OnePixelPng(int shade)
    {
        using var bitmap = new SkiaSharp.SKBitmap(1, 1);
        bitmap.SetPixel(0, 0, new SkiaSharp.SKColor((byte)(shade * 30), (byte)(255 - (shade * 30)), (byte)(shade * 15)));
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A labels CSV: the truth with <paramref name="noise"/> of the labels replaced, rows shuffled.</summary>
    public byte[] Submission(double noise, ulong seed)
    {
        var rng = new DeterministicRandom(seed);
        var order = Enumerable.Range(0, ImageIds.Length).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        var csv = new StringBuilder("ImageID,ans\n", ImageIds.Length * 48);
        foreach (var i in order)
        {
            csv.Append(ImageIds[i]).Append(',').Append(rng.NextDouble() < noise ? rng.NextInt(18) : Truth[i]).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            await Factory.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
