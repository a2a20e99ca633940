using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>The SQLite flavour of <see cref="PortalDbContext"/>, with the migrations in Migrations/Sqlite.</summary>
public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options);
