using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Storage;
using Portal.Web.Api;
using Portal.Web.Tests.Support;
using Portal.Web.Uploads;

namespace Portal.Web.Tests.Uploads;

/// <summary>Files a signed-in browser sends ahead of the Submit form: its own only, within its limits, from the page only.</summary>
public sealed class StagedUploadTests(Api.UploadLimitPortalFactory factory) : IClassFixture<Api.UploadLimitPortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stage_FromTheSignedInPage_KeepsTheBytesForTheUploaderOnly()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        var bytes = Enumerable.Range(0, 20_000).Select(i => (byte)i).ToArray();

        // Act
        using var response = await StageAsync(member, "model.onnx", bytes, await member.PageAntiforgeryTokenAsync());

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var staged = (await response.Content.ReadFromJsonAsync<ApiStagedUpload>(Ct))!;
        Assert.Equal(("model.onnx", 20_000L), (staged.FileName, staged.Length));
        var uploads = factory.Services.GetRequiredService<StagedUploads>();
        Assert.Null(uploads.Find(staged.Id, scenario.B.FirstMember.Id));
        var mine = uploads.Find(staged.Id, scenario.A.FirstMember.Id);
        Assert.NotNull(mine);
        await using (var content = mine.Open())
        using (var copy = new MemoryStream())
        {
            await content.CopyToAsync(copy, Ct);
            Assert.Equal(bytes, copy.ToArray());
        }

        uploads.Remove(staged.Id, scenario.B.FirstMember.Id);
        Assert.True(File.Exists(mine.Path), "Another user removed the file.");
        uploads.Remove(staged.Id, scenario.A.FirstMember.Id);
        Assert.False(File.Exists(mine.Path));
    }

    [Fact]
    public async Task Stage_WithoutThePageToken_ByAToken_OrAnonymously_IsRefused()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        using var token = factory.WithToken(scenario.A.Token);
        using var anonymous = factory.Anonymous();

        // Act
        using var noToken = await StageAsync(member, "a.csv", [1, 2, 3], antiforgery: null);
        using var byToken = await StageAsync(token, "a.csv", [1, 2, 3], antiforgery: null);
        using var byNobody = await StageAsync(anonymous, "a.csv", [1, 2, 3], antiforgery: null);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Contains("antiforgery token", await noToken.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, byToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);
    }

    [Fact]
    public async Task Stage_OverTheFileLimitOfItsKind_Is413NamingTheLimitAndKeepsNothing()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        var antiforgery = await member.PageAntiforgeryTokenAsync();
        var before = Directory.GetFiles(factory.Services.GetRequiredService<ITemporaryFiles>().Folder).Length;

        // Act: each kind over its own limit
        using var csv = await StageAsync(member, "big.csv", new byte[Api.UploadLimitPortalFactory.MaxCsvBytes + 1], antiforgery);
        using var model = await StageAsync(member, "big.onnx", new byte[Api.UploadLimitPortalFactory.MaxModelBytes + 1], antiforgery);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, csv.StatusCode);
        Assert.Contains("a CSV submission may be at most 64 KiB", await csv.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, model.StatusCode);
        Assert.Contains("32 KiB per file", await model.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(factory.Services.GetRequiredService<ITemporaryFiles>().Folder).Length);
    }

    [Fact]
    public async Task Stage_RunFile_KeepsItsFoldFolderAndIsHeldToTheRunFileLimit()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(20).BuildAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        var antiforgery = await member.PageAntiforgeryTokenAsync();
        var limit = (int)Api.UploadLimitPortalFactory.MaxRunBytes;

        // Act
        using var kept = await StageAsync(member, "fold_3/../fold_3/events.out.tfevents.1.host", new byte[limit], antiforgery, purpose: "run");
        using var tooLarge = await StageAsync(member, "fold_4/events.out.tfevents.2.host", new byte[limit + 1], antiforgery, purpose: "run");
        using var unknown = await StageAsync(member, "a.csv", [1], antiforgery, purpose: "checkpoint");

        // Assert
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var staged = (await kept.Content.ReadFromJsonAsync<ApiStagedUpload>(Ct))!;
        Assert.Equal("fold_3/fold_3/events.out.tfevents.1.host", staged.FileName);
        Assert.Equal("fold_3/fold_3/events.out.tfevents.1.host", factory.Services.GetRequiredService<StagedUploads>().Find(staged.Id, scenario.A.FirstMember.Id)!.FileName);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("fold_4/events.out.tfevents.2.host is larger than 16 KiB", await tooLarge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("purpose", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public void StagedFiles_PastTheirLifetimeOrOverTheRoom_AreDeletedAndCounted()
    {
        // Arrange
        var clock = new ManualClock();
        var uploads = new StagedUploads(clock, maxBytesPerUser: 100);
        var temporaries = factory.Services.GetRequiredService<ITemporaryFiles>();
        var file = temporaries.CreateFile(".onnx");
        File.WriteAllBytes(file.Path, new byte[60]);
        var staged = uploads.Add("user-1", "m.onnx", 60, file);

        // Act
        var used = uploads.StagedBytes("user-1");
        var others = uploads.StagedBytes("user-2");
        clock.Now += StagedUploads.Lifetime + TimeSpan.FromSeconds(1);
        var afterExpiry = uploads.Find(staged.Id, "user-1");

        // Assert
        Assert.Equal((60L, 0L), (used, others));
        Assert.Null(afterExpiry);
        Assert.False(File.Exists(staged.Path));
        Assert.Equal(0, uploads.StagedBytes("user-1"));
    }

    private static async Task<HttpResponseMessage> StageAsync(HttpClient client, string name, byte[] bytes, string? antiforgery, string? purpose = null)
    {
        var query = purpose is null ? "" : $"&purpose={Uri.EscapeDataString(purpose)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/uploads?name={Uri.EscapeDataString(name)}{query}") { Content = new ByteArrayContent(bytes) };
        if (antiforgery is not null)
        {
            request.Headers.Add("RequestVerificationToken", antiforgery);
        }

        return await client.SendAsync(request, Ct);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
