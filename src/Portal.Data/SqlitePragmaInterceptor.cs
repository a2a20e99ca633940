using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// Sets each SQLite connection up for a busy web app: in WAL mode, <c>synchronous=NORMAL</c> is
/// crash-safe (a power cut can lose the last commits, never corrupt the file) and saves an fsync per
/// commit, which is what limits how many submissions a second one disk can take. The settings belong to the
/// native connection and outlive its trips through the pool, so they are set once per native connection
/// (<see cref="SqliteConnection.Handle"/>), not on every open: a request opens a pooled connection several times.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;";

    /// <summary>Native connections already set up; an entry goes with its connection.</summary>
    private static readonly ConditionalWeakTable<object, object> SetUp = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (NeedsSetUp(connection) is not { } handle)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        SetUp.AddOrUpdate(handle, handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (NeedsSetUp(connection) is not { } handle)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        SetUp.AddOrUpdate(handle, handle);
    }

    /// <summary>The native connection when it has not been set up yet (any connection that is not SQLite's: always).</summary>
    private static object? NeedsSetUp(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } ? (SetUp.TryGetValue(handle, out _) ? null : handle) : connection;
}
