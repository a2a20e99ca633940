using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Competitions;
using Portal.Application.Teams;
using Portal.Data.Entities;
using SkiaSharp;

namespace Portal.ClusterTests.Support;

/// <summary>A team of the cluster's test competition: its name and API token.</summary>
public sealed record ClusterTeam(int Id, string Name, string Token);

/// <summary>
/// An open competition on the cluster with <see cref="Images"/> hidden images (tiny PNGs, 18 classes) and teams with API
/// tokens, made through the app's own services over the cluster's database and shared files, the way a host's import
/// and participants' sign-ups would.
/// </summary>
public sealed class ClusterScenario
{
    public const int Images = 1200;
    private const int Classes = 18;
    private const string Password = "Cluster-Participant-1";

    private ClusterScenario(string slug, string[] imageIds, byte[] truth, IReadOnlyList<ClusterTeam> teams)
    {
        Slug = slug;
        ImageIds = imageIds;
        Truth = truth;
        Teams = teams;
    }

    public string Slug { get; }

    public IReadOnlyList<string> ImageIds { get; }

    public IReadOnlyList<byte> Truth { get; }

    public IReadOnlyList<ClusterTeam> Teams { get; }

    public static async Task<ClusterScenario> CreateAsync(IServiceProvider services, int teamCount)
    {
        var competitions = services.GetRequiredService<CompetitionService>();
        var slug = "cluster-" + Guid.NewGuid().ToString("N")[..8];
        var (id, error) = await competitions.CreateAsync(new CompetitionSettings
        {
            Slug = slug,
            Title = "Cluster " + slug,
            StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(10),
            DailySubmissionLimit = 100_000,
        });
        Assert.Null(error);

        var folder = Path.Combine(Path.GetTempPath(), "portal-cluster-hidden-" + Guid.NewGuid().ToString("N"));
        var imageIds = new string[Images];
        var truth = new byte[Images];
        try
        {
            WriteHiddenSet(folder, imageIds, truth);
            var imported = await services.GetRequiredService<HiddenSetImporter>().ImportFolderAsync(id!.Value, folder, moveFiles: true);
            Assert.True(imported.Succeeded, string.Join(Environment.NewLine, imported.Sentences));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Null(await competitions.OpenAsync(id.Value));
        var teams = new List<ClusterTeam>();
        for (var t = 0; t < teamCount; t++)
        {
            teams.Add(await TeamAsync(services, id.Value, slug, string.Create(CultureInfo.InvariantCulture, $"Team {t:00} {slug}")));
        }

        return new ClusterScenario(slug, imageIds, truth, teams);
    }

    /// <summary>A labels CSV: the truth with about <paramref name="noise"/> of the labels drawn at random (seeded), so each seed is a different file.</summary>
    public byte[] Csv(double noise, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("ImageID,ans\n");
        for (var i = 0; i < ImageIds.Count; i++)
        {
            var label = random.NextDouble() < noise ? random.Next(Classes) : Truth[i];
            csv.Append(ImageIds[i]).Append(',').Append(label.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static void WriteHiddenSet(string folder, string[] imageIds, byte[] truth)
    {
        Directory.CreateDirectory(folder);
        var info = new StringBuilder("ImageID,ans\n");
        for (var i = 0; i < imageIds.Length; i++)
        {
            imageIds[i] = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(folder + i.ToString(CultureInfo.InvariantCulture)))) + ".png";
            truth[i] = (byte)(i * 7 % Classes);
            info.Append(CultureInfo.InvariantCulture, $"{imageIds[i]},{truth[i]}\n");
            File.WriteAllBytes(Path.Combine(folder, imageIds[i]), TinyPng(i));
        }

        File.WriteAllText(Path.Combine(folder, "info.csv"), info.ToString());
    }

    private static byte[] TinyPng(int seed)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(6, 8, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(new SKColor((byte)seed, (byte)(seed * 3), (byte)(seed * 7)));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static async Task<ClusterTeam> TeamAsync(IServiceProvider services, int competitionId, string slug, string name)
    {
        string userId;
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var email = $"{Guid.NewGuid():N}@{slug}.test";
            var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            userId = user.Id;
        }

        var teams = services.GetRequiredService<TeamService>();
        var (team, error) = await teams.CreateAsync(competitionId, userId, name);
        Assert.Null(error);
        return new ClusterTeam(team!.Id, team.Name, await teams.RotateTokenAsync(team.Id));
    }
}
