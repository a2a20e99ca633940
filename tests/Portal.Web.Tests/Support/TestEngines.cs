using Npgsql;

namespace Portal.Web.Tests.Support;

/// <summary>
/// The engines the tests run on, as the environment names them (tools/test.sh sets all three):
/// <list type="bullet">
/// <item><c>PORTAL_TEST_PROVIDER</c>: <c>Sqlite</c> (default) or <c>Postgres</c>, the database every whole-app test of
/// this run makes (<see cref="PortalStore"/>); tools/test.sh runs the classes marked <see cref="AlsoOnPostgresAttribute"/>
/// a second time with <c>Postgres</c>.</item>
/// <item><c>PORTAL_TEST_POSTGRES</c>: a connection string to a PostgreSQL server whose role may create databases.</item>
/// <item><c>PORTAL_REQUIRE_ENGINES=1</c>: a missing engine fails the test; without it the test is skipped, saying why.</item>
/// </list>
/// </summary>
public static class TestEngines
{
    public const string ProviderVariable = "PORTAL_TEST_PROVIDER";
    public const string PostgresVariable = "PORTAL_TEST_POSTGRES";
    public const string RequireVariable = "PORTAL_REQUIRE_ENGINES";

    /// <summary>The database the whole-app tests of this run make.</summary>
    public static TestProvider Provider { get; } = ReadProvider();

    /// <summary>
    /// The PostgreSQL server's connection string, its database set to <c>postgres</c> (for creating and dropping
    /// databases). Skips the calling test when <c>PORTAL_TEST_POSTGRES</c> is unset, or fails it under
    /// <c>PORTAL_REQUIRE_ENGINES=1</c>.
    /// </summary>
    public static string PostgresServer()
    {
        var configured = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            Unavailable($"{PostgresVariable} is not set (a connection string to a PostgreSQL server where the role may CREATE DATABASE; tools/test.sh starts one).");
        }

        return new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
    }

    /// <summary>Skips the calling test because an engine is unavailable for <paramref name="reason"/>, or fails it when the run requires its engines.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{reason} {RequireVariable}=1 requires it.");
        }

        Assert.Skip(reason);
    }

    private static TestProvider ReadProvider()
    {
        var value = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return TestProvider.Sqlite;
        }

        return Enum.TryParse<TestProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderVariable}='{value}' is neither Sqlite nor Postgres.");
    }
}
