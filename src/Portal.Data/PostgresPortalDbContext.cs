using Microsoft.EntityFrameworkCore;

namespace Portal.Data;

/// <summary>The PostgreSQL flavour of <see cref="PortalDbContext"/>, with the migrations in Migrations/Postgres.</summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);
