namespace Portal.Data;

/// <summary>The <c>Database</c> section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, a file under the data folder) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The connection string; for SQLite, empty means <c>{DataDirectory}/portal.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
