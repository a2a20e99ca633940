using Xunit.v3;

namespace Portal.Web.Tests.Support;

/// <summary>
/// Marks a test class that runs on whatever database the run's provider makes (<see cref="PortalStore"/>) and is worth
/// running on PostgreSQL too: tools/test.sh runs the classes with trait <c>Database=AlsoPostgres</c> a second time with
/// <c>PORTAL_TEST_PROVIDER=Postgres</c>. Classes without it run on SQLite only (their database is the same code path,
/// or SQLite is what they test).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class AlsoOnPostgresAttribute : Attribute, ITraitAttribute
{
    public const string Trait = "Database";
    public const string Value = "AlsoPostgres";

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() => [new(Trait, Value)];
}
