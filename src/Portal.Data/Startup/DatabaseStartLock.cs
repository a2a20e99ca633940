using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Portal.Data.Startup;

/// <summary>
/// One lock per database, held by one process at a time while it brings the database up to date and seeds it, so that
/// instances starting at once (web instances, workers) migrate and seed one after the other, each seeing what the one
/// before it wrote. A process that dies loses the lock with it. On PostgreSQL it is a session advisory lock (any
/// machine); on SQLite, whose processes share one machine, an exclusive lock on a file beside the database.
/// </summary>
public sealed class DatabaseStartLock : IAsyncDisposable
{
    // Any fixed number: PostgreSQL's advisory locks are per database, and Portal takes no other one.
    private const long PostgresKey = 0x506F7274616C; // "Portal"
    private static readonly TimeSpan FileRetry = TimeSpan.FromMilliseconds(100);

    private readonly PortalDbContext? _lockedSession;
    private readonly FileStream? _lockedFile;

    private DatabaseStartLock(PortalDbContext? lockedSession, FileStream? lockedFile)
    {
        _lockedSession = lockedSession;
        _lockedFile = lockedFile;
    }

    /// <summary>
    /// Waits for the lock of <paramref name="db"/>'s database and takes it; dispose to release it. On PostgreSQL the lock
    /// lives on <paramref name="db"/>'s connection, kept open until then (creating the database first when it does not
    /// exist yet); use other contexts for the work meanwhile, or this one.
    /// </summary>
    public static async Task<DatabaseStartLock> AcquireAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            await PostgresDatabase.EnsureExistsAsync(db, cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresKey})", cancellationToken);
            return new DatabaseStartLock(db, null);
        }

        var path = LockFilePath(db);
        return new DatabaseStartLock(null, path is null ? null : await LockFileAsync(path, cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        if (_lockedSession is not null)
        {
            await _lockedSession.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresKey})");
            await _lockedSession.Database.CloseConnectionAsync();
        }

        if (_lockedFile is not null)
        {
            await _lockedFile.DisposeAsync();
        }
    }

    /// <summary>The lock file beside a SQLite database file; null for an in-memory database, which no other process sees.</summary>
    private static string? LockFilePath(PortalDbContext db)
    {
        var connection = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var source = connection.DataSource;
        return connection.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:"
            ? null
            : Path.GetFullPath(source) + "-start.lock";
    }

    // .NET takes an exclusive flock(2) for FileShare.None on Unix (a share lock on Windows): another process, or another
    // open in this one, fails with an IOException until it is closed.
    private static async Task<FileStream> LockFileAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException))
            {
                await Task.Delay(FileRetry, cancellationToken);
            }
        }
    }
}
