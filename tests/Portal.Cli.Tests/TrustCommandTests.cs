using System.Text.Json;
using Portal.Cli.Tests.Support;
using Portal.Core.Competitions;
using Portal.Core.Submissions;
using Portal.Core.Trust;

namespace Portal.Cli.Tests;

/// <summary><c>portal interval</c>, <c>portal board</c> and <c>portal audit</c> on the fixture of tools/trust_reference.py.</summary>
public sealed class TrustCommandTests : IDisposable
{
    private const double Tolerance = 1e-12;
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Trust", "board");
    private readonly JsonDocument _expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json")));
    private readonly TempDirectory _dir = new();

    private static string Truth => Path.Combine(Folder, "truth.csv");

    private static string[] Submissions => Enumerable.Range(0, 6).Select(s => Path.Combine(Folder, $"sub_{s}.csv")).ToArray();

    public void Dispose()
    {
        _expected.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public void Interval_Json_EqualsTheReferenceInterval()
    {
        var result = PortalCli.Run("interval", "--truth", Truth, "--submission", Path.Combine(Folder, "sub_0.csv"), "--json");

        Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        var expected = Row("sub_0.csv");
        Assert.Equal(expected.GetProperty("macroF1").GetDouble(), root.GetProperty("macroF1").GetDouble(), Tolerance);
        Assert.Equal(expected.GetProperty("lower").GetDouble(), root.GetProperty("lower").GetDouble(), Tolerance);
        Assert.Equal(expected.GetProperty("upper").GetDouble(), root.GetProperty("upper").GetDouble(), Tolerance);
        Assert.Equal((1000, 42UL, 360), (root.GetProperty("resamples").GetInt32(), root.GetProperty("seed").GetUInt64(), root.GetProperty("images").GetInt32()));
    }

    [Fact]
    public void Interval_Text_SaysScoreIntervalAndResampling()
    {
        var result = PortalCli.Run("interval", "--truth", Truth, "--submission", Path.Combine(Folder, "sub_5.csv"), "--resamples", "200", "--seed", "7");

        Assert.Equal(0, result.ExitCode);
        var expected = BootstrapScoresOf("sub_5.csv", 200, 7);
        Assert.Contains($"macro F1 {expected.Score:0.0000}, 95% interval {expected.Lower:0.0000} to {expected.Upper:0.0000}.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Bootstrap over 360 images: 200 resamples, seed 7.", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Interval_InvalidSubmission_ExitsTwoWithTheProblemsLine()
    {
        var ids = File.ReadLines(Truth).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        var bad = _dir.Write("bad.csv", "ImageID,ans\n" + string.Join("\n", ids.Select((id, i) => $"{id},{(i == 2 ? 99 : 0)}")) + "\n");

        var result = PortalCli.Run("interval", "--truth", Truth, "--submission", bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("bad.csv is not a valid submission (1 problem):", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4, column ans", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Interval_NoResamples_ExitsTwoWithASentence()
    {
        var result = PortalCli.Run("interval", "--truth", Truth, "--submission", Submissions[0], "--resamples", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("--resamples must be between 1 and 1,000,000; got 0.", result.Stderr.Trim());
    }

    [Fact]
    public void Board_Json_RanksAndTiersAsTheReference()
    {
        var result = PortalCli.Run(["board", "--truth", Truth, .. Submissions, "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToArray();
        var expected = _expected.RootElement.GetProperty("board").EnumerateArray().ToArray();
        Assert.Equal(expected.Select(e => e.GetProperty("file").GetString()), rows.Select(r => Path.GetFileName(r.GetProperty("file").GetString())));
        Assert.Equal(expected.Select(e => e.GetProperty("tier").GetInt32()), rows.Select(r => r.GetProperty("tier").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 6), rows.Select(r => r.GetProperty("rank").GetInt32()));
        for (var i = 1; i < rows.Length; i++)
        {
            var above = expected[i].GetProperty("toAbove");
            var toRowAbove = rows[i].GetProperty("toRowAbove");
            Assert.Equal(above.GetProperty("lower").GetDouble(), toRowAbove.GetProperty("lower").GetDouble(), Tolerance);
            Assert.Equal(above.GetProperty("upper").GetDouble(), toRowAbove.GetProperty("upper").GetDouble(), Tolerance);
        }

        Assert.False(rows[0].TryGetProperty("toRowAbove", out _));
        Assert.Equal(TieredBoard.Rule, json.RootElement.GetProperty("rule").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("tiers").GetInt32());
    }

    [Fact]
    public void Board_Text_ShowsTiersAndWhichGapsAreNoise()
    {
        var result = PortalCli.Run(["board", "--truth", Truth, .. Submissions]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("6 submissions on 360 images, 3 tiers", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(TieredBoard.Rule, result.Stdout, StringComparison.Ordinal);
        Assert.Contains("within noise", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("beyond noise", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_Json_SuspectsAsTheReferenceStrongestFirst()
    {
        var result = PortalCli.Run(["audit", "--truth", Truth, .. Submissions, "--json"]);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var suspects = json.RootElement.GetProperty("suspects").EnumerateArray().ToArray();
        var expected = _expected.RootElement.GetProperty("audit").EnumerateArray().ToArray();
        Assert.Equal(expected.Length, suspects.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].GetProperty("imageId").GetString(), suspects[i].GetProperty("imageId").GetString());
            Assert.Equal(expected[i].GetProperty("truth").GetInt32(), suspects[i].GetProperty("truth").GetInt32());
            Assert.Equal(expected[i].GetProperty("consensus").GetInt32(), suspects[i].GetProperty("consensus").GetInt32());
            Assert.Equal(expected[i].GetProperty("agreement").GetDouble(), suspects[i].GetProperty("agreement").GetDouble(), Tolerance);
        }

        Assert.Equal("Wear / Female / <30", suspects[0].GetProperty("consensusName").GetString());
        Assert.Equal((6, 360, 8), (json.RootElement.GetProperty("submissions").GetInt32(), json.RootElement.GetProperty("images").GetInt32(),
            json.RootElement.GetProperty("totalSuspects").GetInt32()));
    }

    [Fact]
    public void Audit_Top_ShowsTheStrongestAndSaysSo()
    {
        var result = PortalCli.Run(["audit", "--truth", Truth, .. Submissions, "--top", "3"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("8 of 360 images may be mislabelled: a majority of the 6 submissions agrees on another label (showing the strongest 3).",
            result.Stdout, StringComparison.Ordinal);
        var first = _expected.RootElement.GetProperty("audit")[0].GetProperty("imageId").GetString()!;
        Assert.Contains(first, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_expected.RootElement.GetProperty("audit")[3].GetProperty("imageId").GetString()!, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_OneSubmission_ExitsTwoWithASentence()
    {
        var result = PortalCli.Run("audit", "--truth", Truth, Submissions[0]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("portal audit needs at least 2 submissions to find where they agree against the truth; got 1.", result.Stderr.Trim());
    }

    [Fact]
    public void Audit_NothingSuspect_SaysSo()
    {
        var result = PortalCli.Run("audit", "--truth", Truth, Truth, Truth);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("No suspected label errors", result.Stdout, StringComparison.Ordinal);
    }

    private JsonElement Row(string file) =>
        _expected.RootElement.GetProperty("board").EnumerateArray().Single(r => r.GetProperty("file").GetString() == file);

    private static ScoreInterval BootstrapScoresOf(string file, int resamples, ulong seed)
    {
        var truth = TruthCsvReader.Read(Truth, 18).GetValueOrThrow();
        var labels = PredictionCsvReader.Read(Path.Combine(Folder, file), truth.Images, ClassTaxonomy.MaskGenderAge).GetValueOrThrow().Labels.ToArray();
        return BootstrapScores.Compute(truth.Labels, [labels], 18, resamples, seed).Interval(0);
    }
}
