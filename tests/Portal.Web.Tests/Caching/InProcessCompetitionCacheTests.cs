using Portal.Application.Caching;

namespace Portal.Web.Tests.Caching;

/// <summary>The in-process versioned cache: one load per version however many wait, the newest version wins, a failed load is not kept.</summary>
public sealed class InProcessCompetitionCacheTests
{
    private readonly InProcessCompetitionCache<string> _cache = new();
    private int _loads;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_ManyCallersOfOneVersion_LoadOnce()
    {
        // Arrange
        var gate = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Act
        var reads = Enumerable.Range(0, 20).Select(_ => _cache.GetAsync(1, 5, () => Load(gate.Task), Ct)).ToList();
        gate.SetResult("v5");

        // Assert
        Assert.All(await Task.WhenAll(reads), value => Assert.Equal("v5", value));
        Assert.Equal(1, _loads);
    }

    [Fact]
    public async Task GetAsync_NewerVersion_LoadsAgainAndServesCallersOfTheOlderOne()
    {
        // Arrange
        await _cache.GetAsync(1, 5, () => Load(Task.FromResult("v5")), Ct);

        // Act
        var newer = await _cache.GetAsync(1, 6, () => Load(Task.FromResult("v6")), Ct);
        var older = await _cache.GetAsync(1, 5, () => Load(Task.FromResult("v5 again")), Ct);
        var otherCompetition = await _cache.GetAsync(2, 6, () => Load(Task.FromResult("other")), Ct);

        // Assert
        Assert.Equal(("v6", "v6", "other"), (newer, older, otherCompetition));
        Assert.Equal(3, _loads);
    }

    [Fact]
    public async Task GetAsync_LoadFailed_ThrowsToItsCallerAndIsNotKept()
    {
        // Arrange
        var failed = _cache.GetAsync(1, 5, () => Load(Task.FromException<string>(new TimeoutException("database busy"))), Ct);

        // Act
        var error = await Assert.ThrowsAsync<TimeoutException>(() => failed);
        var retried = await _cache.GetAsync(1, 5, () => Load(Task.FromResult("v5")), Ct);

        // Assert
        Assert.Equal("database busy", error.Message);
        Assert.Equal("v5", retried);
        Assert.Equal(2, _loads);
    }

    private Task<string> Load(Task<string> value)
    {
        Interlocked.Increment(ref _loads);
        return value;
    }
}
