using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Comparison;
using Portal.Data;
using Portal.Data.Entities;

namespace Portal.Benchmarks;

/// <summary>
/// The server work behind the N-way heatmap of 50 submissions on 12,600 images (issue 5 item 3: &lt;= 100 ms):
/// load the 50 submissions with their labels from a SQLite database as the page does, compute the pairwise
/// disagreement, the images all agree on, and the average-linkage order. Self-contained: the labels are drawn here.
/// </summary>
[MemoryDiagnoser]
public class ManyComparisonBenchmarks
{
    private const int Images = 12_600;
    private const int Submissions = 50;

    private string _path = "";
    private DbContextOptions<SqlitePortalDbContext> _options = default!;
    private List<int> _ids = [];
    private ReadOnlyMemory<byte>[] _labels = [];
    private DisagreementMatrix _matrix = default!;

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"portal-bench-{Guid.NewGuid():N}.db");
        _options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={_path}").Options;
        using var db = new SqlitePortalDbContext(_options);
        db.Database.Migrate();
        var competition = new Competition { Slug = "bench", Title = "Bench", StartsAtUtc = DateTime.UtcNow, EndsAtUtc = DateTime.UtcNow.AddDays(1) };
        var team = new Team { Name = "Bench team", InviteCode = "bench", Competition = competition };
        db.Teams.Add(team);
        db.SaveChanges();

        // Five families of ten near-copies each, so the clustering has structure to find.
        var random = new Random(42);
        var truth = Enumerable.Range(0, Images).Select(_ => (byte)random.Next(18)).ToArray();
        var submissions = new List<Submission>();
        for (var s = 0; s < Submissions; s++)
        {
            var labels = truth.ToArray();
            var familyRandom = new Random(s % 5);
            for (var i = 0; i < Images; i++)
            {
                if (familyRandom.NextDouble() < 0.2 || random.NextDouble() < 0.05)
                {
                    labels[i] = (byte)random.Next(18);
                }
            }

            submissions.Add(new Submission
            {
                CompetitionId = competition.Id, TeamId = team.Id, Kind = SubmissionKind.LabelsCsv, Status = SubmissionStatus.Scored,
                Labels = labels, QuotaDay = "2026-01-01", CreatedAtUtc = DateTime.UtcNow, PublicScore = 0.5, PrivateScore = 0.5,
            });
        }

        db.Submissions.AddRange(submissions);
        db.SaveChanges();
        _ids = submissions.Select(s => s.Id).ToList();
        _labels = submissions.Select(s => (ReadOnlyMemory<byte>)s.Labels!).ToArray();
        _matrix = DisagreementMatrix.Compute(_labels);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    /// <summary>Everything the N-way heatmap needs from the server, from the database to the clustered order.</summary>
    [Benchmark]
    public async Task<int[]> HeatmapOf50FromDatabase()
    {
        await using var db = new SqlitePortalDbContext(_options);
        var rows = await db.Submissions.AsNoTracking().Include(s => s.Team).Where(s => _ids.Contains(s.Id)).ToListAsync();
        var labels = rows.Select(s => (ReadOnlyMemory<byte>)s.Labels!).ToArray();
        var matrix = DisagreementMatrix.Compute(labels);
        _ = DisagreementMatrix.CountUnanimous(labels);
        return HierarchicalClustering.Order(matrix);
    }

    /// <summary>Loading the 50 submissions alone.</summary>
    [Benchmark]
    public async Task<int> Load50FromDatabase()
    {
        await using var db = new SqlitePortalDbContext(_options);
        var rows = await db.Submissions.AsNoTracking().Include(s => s.Team).Where(s => _ids.Contains(s.Id)).ToListAsync();
        return rows.Count;
    }

    /// <summary>The average-linkage clustering of 50 alone.</summary>
    [Benchmark]
    public int[] Cluster50() => HierarchicalClustering.Order(_matrix);

    /// <summary>The images all 50 label alike.</summary>
    [Benchmark]
    public long Unanimous50() => DisagreementMatrix.CountUnanimous(_labels);
}
