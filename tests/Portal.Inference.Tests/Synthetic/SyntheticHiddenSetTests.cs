using Portal.Core.Submissions;
using Portal.Inference.Synthetic;

namespace Portal.Inference.Tests.Synthetic;

public sealed class SyntheticHiddenSetTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portal-faces-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task WriteHiddenSetAsync_SmallSet_WritesEveryImageAndAMatchingInfoCsv()
    {
        var options = new SyntheticFaceOptions { People = 6, Seed = 11 };
        var plan = SyntheticFaceGenerator.Plan(options);
        var reported = new List<int>();
        var progress = new SynchronousProgress(reported);

        var written = await SyntheticFaceGenerator.WriteHiddenSetAsync(_directory, options, progress, TestContext.Current.CancellationToken);

        Assert.Equal(plan, written);
        var files = Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(plan.Select(i => i.ImageId).Append("info.csv").Order(StringComparer.Ordinal), files);
        Assert.Equal(42, reported.Count);
        Assert.Equal(42, reported.Max());

        var truth = TruthCsvReader.Read(Path.Combine(_directory, "info.csv"), 18);
        Assert.True(truth.IsValid, string.Join("; ", truth.Problems));
        Assert.Equal(plan.Select(i => i.ImageId), truth.Value!.Images.Ids);
        Assert.Equal(plan.Select(i => (byte)i.Label), truth.Value.Labels.ToArray());
    }

    [Fact]
    public async Task WriteHiddenSetAsync_InfoCsv_HeaderAndLfLineEndings()
    {
        var options = new SyntheticFaceOptions { People = 3 };

        await SyntheticFaceGenerator.WriteHiddenSetAsync(_directory, options, cancellationToken: TestContext.Current.CancellationToken);

        var text = await File.ReadAllTextAsync(Path.Combine(_directory, "info.csv"), TestContext.Current.CancellationToken);
        Assert.StartsWith("ImageID,ans\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.Equal(22, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task WriteHiddenSetAsync_Cancelled_LeavesNoInfoCsv()
    {
        var options = new SyntheticFaceOptions { People = 4 };
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SyntheticFaceGenerator.WriteHiddenSetAsync(_directory, options, cancellationToken: cancelled.Token));

        Assert.False(File.Exists(Path.Combine(_directory, "info.csv")));
    }

    [Fact]
    public async Task WriteHiddenSetAsync_OverAnOldSet_ReplacesInfoCsv()
    {
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "info.csv"), "stale", TestContext.Current.CancellationToken);
        var options = new SyntheticFaceOptions { People = 3 };

        await SyntheticFaceGenerator.WriteHiddenSetAsync(_directory, options, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(TruthCsvReader.Read(Path.Combine(_directory, "info.csv"), 18).IsValid);
        Assert.False(File.Exists(Path.Combine(_directory, "info.csv.tmp")));
    }

    /// <summary>Records reports on the reporting thread (<see cref="Progress{T}"/> would post them later).</summary>
    private sealed class SynchronousProgress(List<int> reports) : IProgress<int>
    {
        public void Report(int value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
