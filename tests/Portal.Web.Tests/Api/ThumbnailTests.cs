using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Thumbnails;
using Portal.Web.Tests.Support;
using SkiaSharp;

namespace Portal.Web.Tests.Api;

/// <summary>Thumbnails of hidden images: shown to signed-in callers, only for ids of the hidden set, cached on this machine's disk.</summary>
[AlsoOnPostgres]
public sealed class ThumbnailTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PathOf(Scenario scenario, string imageId) =>
        $"/api/v1/competitions/{scenario.Slug}/images/{Uri.EscapeDataString(imageId)}/thumbnail";

    [Fact]
    public async Task Thumbnail_Member_GetsJpegAndItIsCached()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        var imageId = scenario.ImageIds[2];
        var cached = factory.Services.GetRequiredService<ThumbnailService>().CachePath(scenario.Hidden.ImagesKey, ThumbnailService.DefaultSize, imageId);

        // Act
        using var first = await member.GetPathAsync(PathOf(scenario, imageId));
        var firstBytes = await first.Content.ReadAsByteArrayAsync(Ct);
        var cachedAfterFirst = File.Exists(cached);
        using var second = await member.GetPathAsync(PathOf(scenario, imageId));
        var secondBytes = await second.Content.ReadAsByteArrayAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/jpeg", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age", first.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.True(first.Headers.CacheControl?.Private);
        using (var codec = SKCodec.Create(SKData.CreateCopy(firstBytes)))
        {
            Assert.NotNull(codec);
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        }

        Assert.True(cachedAfterFirst, "The first request did not write the thumbnail to the cache.");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(firstBytes, secondBytes);
    }

    [Fact]
    public async Task Thumbnail_SecondRequest_IsServedFromTheCache()
    {
        // Arrange: a first request fills the cache; then the cached file is replaced by a marker.
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        using var token = factory.WithToken(scenario.B.Token);
        var imageId = scenario.ImageIds[0];
        var cached = factory.Services.GetRequiredService<ThumbnailService>().CachePath(scenario.Hidden.ImagesKey, ThumbnailService.DefaultSize, imageId);
        using (var warm = await token.GetPathAsync(PathOf(scenario, imageId)))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        byte[] marker = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        await File.WriteAllBytesAsync(cached, marker, Ct);

        // Act
        using var response = await token.GetPathAsync(PathOf(scenario, imageId));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(marker, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("no-such-image.jpg")]
    [InlineData("../x")]
    [InlineData("..%2F..%2Finfo.csv")]
    [InlineData("..")]
    public async Task Thumbnail_UnknownOrEscapingId_IsNotFound(string imageId)
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(3).BuildAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act: the id raw in the URL (the client may normalise dot segments) and escaped.
        using var raw = await member.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/images/{imageId}/thumbnail");
        using var escaped = await member.GetPathAsync(PathOf(scenario, imageId));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, raw.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, escaped.StatusCode);
    }

    [Fact]
    public async Task Thumbnail_Anonymous_IsUnauthorized()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(3).BuildAsync();
        using var anonymous = factory.Anonymous();

        // Act
        using var response = await anonymous.GetPathAsync(PathOf(scenario, scenario.ImageIds[0]));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Thumbnail_UnknownCompetition_IsNotFound()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(3).BuildAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        using var response = await member.GetPathAsync($"/api/v1/competitions/no-such-competition/images/{Uri.EscapeDataString(scenario.ImageIds[0])}/thumbnail");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LargeImage_Member_GetsTheWholeImageAsJpegCachedApartFromTheThumbnail()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(6).BuildAsync();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);
        var imageId = scenario.ImageIds[1];
        var cached = factory.Services.GetRequiredService<ThumbnailService>().CachePath(scenario.Hidden.ImagesKey, ThumbnailService.LargeSize, imageId);

        // Act
        using var response = await member.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/images/{Uri.EscapeDataString(imageId)}/large");
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        // Assert: the test images are 6x8, smaller than the large size, so they come whole.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Private);
        using (var codec = SKCodec.Create(SKData.CreateCopy(bytes)))
        {
            Assert.NotNull(codec);
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
            Assert.Equal((6, 8), (codec.Info.Width, codec.Info.Height));
        }

        Assert.True(File.Exists(cached), "The large image was not cached under its own size.");
    }

    [Fact]
    public async Task LargeImage_AnonymousOrUnknownId_IsRefusedAsTheThumbnailIs()
    {
        // Arrange
        var scenario = await new ScenarioBuilder(factory).WithImages(3).BuildAsync();
        using var anonymous = factory.Anonymous();
        using var member = await factory.SignInAsync(scenario.A.FirstMember);

        // Act
        using var signedOut = await anonymous.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/images/{Uri.EscapeDataString(scenario.ImageIds[0])}/large");
        using var unknown = await member.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/images/no-such-image.jpg/large");
        using var escaping = await member.GetPathAsync($"/api/v1/competitions/{scenario.Slug}/images/{Uri.EscapeDataString("../info.csv")}/large");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, escaping.StatusCode);
    }
}
