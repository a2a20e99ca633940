namespace Portal.Web.Tests.Support;

/// <summary>
/// The Redis of the tests that need one: <c>PORTAL_TEST_REDIS</c> when set (tools/test.sh sets it), else a
/// <see cref="RedisServer"/> of the fixture's own. Where there is neither, <see cref="Configuration"/> skips the test
/// with the reason, or fails it when <c>PORTAL_REQUIRE_ENGINES=1</c>.
/// </summary>
public sealed class RedisFixture : IDisposable
{
    private readonly RedisServer? _server;
    private readonly string? _configuration;
    private readonly string? _unavailable;

    public RedisFixture()
    {
        _configuration = Environment.GetEnvironmentVariable("PORTAL_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(_configuration))
        {
            _server = RedisServer.TryStart(out _unavailable);
            _configuration = _server?.Configuration;
        }
    }

    /// <summary>
    /// The configuration string, with a channel prefix of its own on each call, so tests (and their hosts) sharing the
    /// server never hear each other's messages.
    /// </summary>
    public string Configuration()
    {
        Require(_unavailable);
        return $"{_configuration},channelPrefix=test-{Guid.NewGuid():N}:";
    }

    /// <summary>Skips the running test for <paramref name="unavailable"/> (null: nothing is missing), or fails it when engines are required.</summary>
    public static void Require(string? unavailable)
    {
        if (unavailable is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("PORTAL_REQUIRE_ENGINES") == "1")
        {
            Assert.Fail($"PORTAL_REQUIRE_ENGINES=1 but {unavailable}");
        }

        Assert.Skip(unavailable);
    }

    public void Dispose() => _server?.Dispose();
}
