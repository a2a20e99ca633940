using System.Net;
using System.Net.Http.Json;
using System.Text;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Api;

/// <summary>
/// Ids and numbers in addresses and queries that are too large for their type, negative, zero or not numbers at all are
/// "not found" (404) or "bad request" (400), on pages and in the API alike; never a server error.
/// </summary>
public sealed class OutOfRangeIdTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private const string Overflow = "99999999999999999999";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Scenario _scenario = null!;
    private int _first;
    private int _second;

    public static TheoryData<string> BadIds => new() { Overflow, "-1", "0", "abc", "1e3", "2147483648" };

    public async ValueTask InitializeAsync()
    {
        _scenario = await new ScenarioBuilder(factory).BuildAsync();
        using var client = factory.WithToken(_scenario.A.Token);
        _first = await client.SubmitAcceptedAsync(_scenario.Slug, _scenario.Csv(_scenario.Predict(0.6, 0.6)));
        _second = await client.SubmitAcceptedAsync(_scenario.Slug, _scenario.Csv(_scenario.Predict(0.8, 0.8)));
        await client.WaitUntilDoneAsync(_first);
        await client.WaitUntilDoneAsync(_second);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task ComparePage_BadId_404(string id)
    {
        // Arrange
        using var member = await factory.SignInAsync(_scenario.A.FirstMember);

        // Act
        using var inA = await member.GetPathAsync($"/c/{_scenario.Slug}/compare?a={id}&b={_second}");
        using var inB = await member.GetPathAsync($"/c/{_scenario.Slug}/compare?a={_first}&b={id}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, inA.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inB.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task SubmissionListPages_BadId_404(string id)
    {
        // Arrange
        using var member = await factory.SignInAsync(_scenario.A.FirstMember);

        // Act
        using var many = await member.GetPathAsync($"/c/{_scenario.Slug}/compare-many?ids={_first},{id}");
        using var ensemble = await member.GetPathAsync($"/c/{_scenario.Slug}/ensemble?ids={id},{_second}");

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, many.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ensemble.StatusCode);
    }

    [Fact]
    public async Task ComparePage_GoodIds_ShowsTheComparison()
    {
        // Arrange
        using var member = await factory.SignInAsync(_scenario.A.FirstMember);

        // Act
        using var response = await member.GetPathAsync($"/c/{_scenario.Slug}/compare?a={_first}&b={_second}");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("compare-error", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task ApiSubmissionRoutes_BadId_404Problem(string id)
    {
        // Arrange
        using var token = factory.WithToken(_scenario.A.Token);
        string[] paths =
        [
            $"/api/v1/submissions/{id}",
            $"/api/v1/submissions/{id}/file",
            $"/api/v1/submissions/{id}/model-run",
            $"/api/v1/submissions/{id}/compare/{_second}",
            $"/api/v1/submissions/{_first}/compare/{id}",
            $"/api/v1/submissions/{_first}/compare/{id}/differences.csv",
        ];

        foreach (var path in paths)
        {
            // Act
            using var response = await token.GetPathAsync(path);

            // Assert
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}.");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var cancel = await token.PostAsync(new Uri($"/api/v1/submissions/{id}/cancel", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
    }

    [Theory]
    [InlineData("classA", Overflow)]
    [InlineData("classA", "-1")]
    [InlineData("classB", "abc")]
    [InlineData("classB", "18")]
    public async Task DifferencesCsv_BadClass_400NamingTheRange(string name, string value)
    {
        // Arrange
        using var token = factory.WithToken(_scenario.A.Token);

        // Act
        using var response = await token.GetPathAsync($"/api/v1/submissions/{_first}/compare/{_second}/differences.csv?{name}={value}");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("0 to 17", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DifferencesCsv_GoodClass_200()
    {
        // Arrange
        using var token = factory.WithToken(_scenario.A.Token);

        // Act
        using var response = await token.GetPathAsync($"/api/v1/submissions/{_first}/compare/{_second}/differences.csv?classA=0&classB=17");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task CompareManyApi_BadId_400(string id)
    {
        // Arrange
        using var token = factory.WithToken(_scenario.A.Token);

        // Act
        using var response = await token.GetPathAsync($"/api/v1/competitions/{_scenario.Slug}/compare?ids={_first},{id}");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(Overflow)]
    [InlineData("-1")]
    [InlineData("\"abc\"")]
    [InlineData("1.5")]
    public async Task EnsembleApi_BadMemberId_400Problem(string id)
    {
        // Arrange
        using var token = factory.WithToken(_scenario.A.Token);
        using var body = new StringContent($$"""{"method":"hard","members":[{"id":{{_first}},"weight":1},{"id":{{id}},"weight":1}]}""", Encoding.UTF8, "application/json");

        // Act
        using var response = await token.PostAsync(new Uri($"/api/v1/competitions/{_scenario.Slug}/ensembles", UriKind.Relative), body, Ct);

        // Assert
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"The ensemble answered {(int)response.StatusCode}.");
        Assert.Contains("json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
