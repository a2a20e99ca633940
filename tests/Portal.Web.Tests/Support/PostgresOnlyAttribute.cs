using Xunit.v3;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Marks a test class about PostgreSQL itself (row locks, its own SQL), which runs on the server of
/// <c>PORTAL_TEST_POSTGRES</c> whatever the run's provider (skipped without one, failed under
/// <c>PORTAL_REQUIRE_ENGINES=1</c>), so tools/test.sh runs it once, in its first pass (trait <c>Database=PostgresOnly</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class PostgresOnlyAttribute : Attribute, ITraitAttribute
{
    public const string Trait = "Database";
    public const string Value = "PostgresOnly";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(Trait, Value)];
}
