using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Application.Competitions;
using Portal.Application.Teams;
using SkiaSharp;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Makes a <see cref="Scenario"/> through the app's own services, the way a host and participants
/// would: create the competition, import its hidden set from a folder, open it, register accounts,
/// form teams and make their API tokens.
/// </summary>
public sealed class ScenarioBuilder(PortalFactory factory)
{
    public const string ParticipantPassword = "Participant-Pass-1";
    private const int ClassCount = 18;
    private static int _counter;

    private int _images = 200;
    private int _dailyLimit = 100;
    private int _finals = 2;

    public ScenarioBuilder WithImages(int count)
    {
        _images = count;
        return this;
    }

    public ScenarioBuilder WithDailyLimit(int limit)
    {
        _dailyLimit = limit;
        return this;
    }

    public ScenarioBuilder WithFinalSelectionLimit(int finals)
    {
        _finals = finals;
        return this;
    }

    public async Task<Scenario> BuildAsync()
    {
        var services = factory.Services;
        var competitions = services.GetRequiredService<CompetitionService>();
        var slug = string.Create(CultureInfo.InvariantCulture, $"test-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}");
        var (id, error) = await competitions.CreateAsync(new CompetitionSettings
        {
            Slug = slug,
            Title = "Test " + slug,
            Description = "A competition made by the tests.",
            MaskAxes = true,
            PublicFraction = 0.5,
            SplitSeed = 7,
            StartsAtUtc = DateTime.UtcNow.AddDays(-1),
            EndsAtUtc = DateTime.UtcNow.AddDays(30),
            TimeZone = "UTC",
            DailySubmissionLimit = _dailyLimit,
            FinalSelectionLimit = _finals,
        });
        Assert.Null(error);
        var competitionId = id!.Value;

        var folder = Path.Combine(Path.GetTempPath(), "portal-web-tests", "hidden-" + Guid.NewGuid().ToString("N"));
        try
        {
            WriteHiddenSet(folder, _images);
            var imported = await services.GetRequiredService<HiddenSetImporter>().ImportFolderAsync(competitionId, folder, moveFiles: true);
            Assert.True(imported.Succeeded, string.Join(Environment.NewLine, imported.Sentences));
        }
        finally
        {
            PortalFactory.DeleteDataDirectory(folder);
        }

        Assert.Null(await competitions.OpenAsync(competitionId));
        var hidden = await services.GetRequiredService<HiddenSetCache>().GetAsync(competitionId);
        Assert.NotNull(hidden);

        var a = await TeamAsync(competitionId, slug, "Team A", "a", 2);
        var b = await TeamAsync(competitionId, slug, "Team B", "b", 1);
        return new Scenario(competitionId, slug, hidden, a, b);
    }

    /// <summary>info.csv with hash-like ids (mixed extensions, as real hidden sets have) and a tiny decodable PNG per image (whatever its extension).</summary>
    public static void WriteHiddenSet(string folder, int images)
    {
        Directory.CreateDirectory(folder);
        string[] extensions = [".jpg", ".jpeg", ".png"];
        var info = new StringBuilder("ImageID,ans\n");
        for (var i = 0; i < images; i++)
        {
            var hash = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(folder + i.ToString(CultureInfo.InvariantCulture))));
            var imageId = hash + extensions[i % extensions.Length];
            // Classes cycle with a stride so that info.csv's order does not follow the labels.
            var label = (i * 7) % ClassCount;
            info.Append(CultureInfo.InvariantCulture, $"{imageId},{label}\n");
            File.WriteAllBytes(Path.Combine(folder, imageId), TinyPng(i));
        }

        File.WriteAllText(Path.Combine(folder, "info.csv"), info.ToString());
    }

    /// <summary>A 6x8 PNG in a colour that depends on <paramref name="seed"/>.</summary>
    private static byte[] TinyPng(int seed)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(6, 8, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(new SKColor((byte)seed, (byte)(seed * 3), (byte)(seed * 7)));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private async Task<ScenarioTeam> TeamAsync(int competitionId, string slug, string name, string tag, int memberCount)
    {
        var teams = factory.Services.GetRequiredService<TeamService>();
        var members = new List<ScenarioUser>();
        for (var i = 1; i <= memberCount; i++)
        {
            members.Add(await UserAsync($"{slug}-{tag}{i}@participants.test", $"Member {tag.ToUpperInvariant()}{i}"));
        }

        var (team, error) = await teams.CreateAsync(competitionId, members[0].Id, name);
        Assert.Null(error);
        foreach (var member in members.Skip(1))
        {
            var (_, joinError) = await teams.JoinAsync(competitionId, member.Id, team!.InviteCode);
            Assert.Null(joinError);
        }

        var token = await teams.RotateTokenAsync(team!.Id);
        return new ScenarioTeam(team.Id, team.Name, team.InviteCode, token, members);
    }

    /// <summary>Registers a participant account through Identity's user manager.</summary>
    public async Task<ScenarioUser> UserAsync(string email, string displayName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        var created = await users.CreateAsync(user, ParticipantPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        return new ScenarioUser(user.Id, email, ParticipantPassword);
    }
}
