namespace Portal.Web.Tests.Support;

/// <summary>A database provider the tests can run Portal on; the names are <c>Database:Provider</c>'s values.</summary>
public enum TestProvider
{
    Sqlite,
    Postgres,
}
