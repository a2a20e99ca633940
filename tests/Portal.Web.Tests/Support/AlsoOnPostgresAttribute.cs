using Xunit.v3;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Marks a test class (or one test) that runs on whatever database the run's provider makes (<see cref="PortalStore"/>)
/// and is worth running on PostgreSQL too: tools/test.sh runs the tests with trait <c>Database=AlsoPostgres</c> a second
/// time with <c>PORTAL_TEST_PROVIDER=Postgres</c>. The rest run on SQLite only: what they test does not depend on the
/// database (or SQLite is what they test), or a test marked here covers the same path for less time.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class AlsoOnPostgresAttribute : Attribute, ITraitAttribute
{
    public const string Trait = "Database";
    public const string Value = "AlsoPostgres";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(Trait, Value)];
}
