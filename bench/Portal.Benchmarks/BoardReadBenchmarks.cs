using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Application.Access;
using Portal.Application.Caching;
using Portal.Application.Leaderboards;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Benchmarks;

/// <summary>
/// A cached board read (100 teams, 5,000 scored submissions in the app's SQLite setup, WAL) before and after the version
/// check of issue 10: before, a lookup in the process's dictionary (the cached path of the previous LeaderboardService,
/// reproduced here); now, the competition's BoardVersion read from the database (one primary-key lookup on a fresh
/// context) and then the lookup. Also, for scale, a read that recomputes the board (the first
/// read after a write).
/// <c>dotnet run -c Release --project bench/Portal.Benchmarks -- --filter '*BoardRead*'</c>
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class BoardReadBenchmarks
{
    private const int Teams = 100;
    private const int Submissions = 5_000;
    private static readonly Viewer Host = new(null, IsHost: true);

    private readonly ConcurrentDictionary<int, Task<LeaderboardSnapshot>> _before = new();
    private string _folder = "";
    private ServiceProvider _services = default!;
    private IDbContextFactory<PortalDbContext> _dbFactory = default!;
    private LeaderboardService _cached = default!;
    private LeaderboardService _uncached = default!;
    private readonly PassThroughCache _passThrough = new();
    private Competition _competition = default!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _services = new ServiceCollection().AddPortalDatabase(new DatabaseOptions(), _folder).BuildServiceProvider();
        _dbFactory = _services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        using (var db = _dbFactory.CreateDbContext())
        {
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            db.Database.Migrate();
            _competition = new Competition { Slug = "bench", Title = "Bench", ClassNames = ["a", "b"], State = CompetitionState.Open, FinalSelectionLimit = 2 };
            var teams = Enumerable.Range(0, Teams).Select(t => new Team { Competition = _competition, Name = $"Team {t}", InviteCode = $"bench{t}" }).ToList();
            db.Teams.AddRange(teams);
            db.SaveChanges();
            var random = new Random(3);
            var start = DateTime.UtcNow.AddDays(-20);
            db.Submissions.AddRange(Enumerable.Range(0, Submissions).Select(i => new Submission
            {
                CompetitionId = _competition.Id, TeamId = teams[i % Teams].Id, Kind = SubmissionKind.LabelsCsv, Status = SubmissionStatus.Scored,
                QuotaDay = "2026-01-01", CreatedAtUtc = start.AddMinutes(i * 5), PublicScore = 0.3 + 0.6 * random.NextDouble(), PrivateScore = 0.3 + 0.6 * random.NextDouble(),
            }));
            db.SaveChanges();
        }

        // The ladder is off here: the hidden-set cache and the options are read only by the parameter-free ladder.
        var hiddenSets = new Portal.Application.Competitions.HiddenSetCache(_dbFactory, new InProcessCompetitionCache<Portal.Application.Competitions.LoadedHiddenSet?>());
        var options = Microsoft.Extensions.Options.Options.Create(new Portal.Application.PortalOptions());
        _cached = new LeaderboardService(_dbFactory, new InProcessCompetitionCache<LeaderboardSnapshot>(), hiddenSets, options, TimeProvider.System);
        _uncached = new LeaderboardService(_dbFactory, _passThrough, hiddenSets, options, TimeProvider.System);
        _uncached.GetAsync(_competition, BoardKind.Public, Host).GetAwaiter().GetResult();
        _before[_competition.Id] = Task.FromResult(_passThrough.Last!);
        _cached.GetAsync(_competition, BoardKind.Public, Host).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Before: the previous LeaderboardService's cached read, a dictionary lookup kept until an in-process event.</summary>
    [Benchmark(Baseline = true)]
    public async Task<LeaderboardView> CachedReadBefore()
    {
        var task = _before.GetOrAdd(_competition.Id, _ => throw new InvalidOperationException("The board is kept in Setup."));
        if (task.IsFaulted)
        {
            _before.TryRemove(_competition.Id, out _);
        }

        var snapshot = await task.WaitAsync(CancellationToken.None);
        return new LeaderboardView(BoardKind.Public, snapshot.Public, VisibilityPolicy.SeesPrivate(Host, _competition));
    }

    /// <summary>Now: the version read from the database, then the lookup under it.</summary>
    [Benchmark]
    public Task<LeaderboardView> CachedReadNow() => _cached.GetAsync(_competition, BoardKind.Public, Host);

    /// <summary>For scale: a read that recomputes the board, as the first read after a score does.</summary>
    [Benchmark]
    public Task<LeaderboardView> RecomputedRead() => _uncached.GetAsync(_competition, BoardKind.Public, Host);

    /// <summary>Keeps nothing: every read loads; remembers the last snapshot (for the "before" dictionary).</summary>
    private sealed class PassThroughCache : ICompetitionCache<LeaderboardSnapshot>
    {
        public LeaderboardSnapshot? Last { get; private set; }

        public async Task<LeaderboardSnapshot> GetAsync(int competitionId, long version, Func<Task<LeaderboardSnapshot>> load, CancellationToken cancellationToken = default) =>
            Last = await load();
    }
}
