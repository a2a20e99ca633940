using System.Globalization;
using System.Text.Json;
using Portal.Cli.Tests.Support;

namespace Portal.Cli.Tests.Cases;

/// <summary>Cases 02 and 08 through <c>portal score</c>, <c>portal ensemble</c> and <c>portal diff</c>: the values of their expected files.</summary>
public sealed class CaseDiffAndScoreTests
{
    private static readonly string Truth = CaseFiles.Path("truth.csv");

    [Fact]
    public void Diff_BothPredictOneClassJson_KappaIsNullWithItsReason()
    {
        var result = PortalCli.Run("diff", CaseFiles.Path("08-kappa-single-class", "a.csv"), CaseFiles.Path("08-kappa-single-class", "b.csv"),
            "--truth", Truth, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        using var expected = JsonDocument.Parse(File.ReadAllText(CaseFiles.Path("08-kappa-single-class", "expected.json")));
        var root = json.RootElement;
        var want = expected.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("kappa").ValueKind);
        Assert.Equal("both submissions predict a single class, so chance agreement is 1", root.GetProperty("kappaUndefined").GetString());
        Assert.Equal(want.GetProperty("agreement").GetDouble(), root.GetProperty("agreement").GetDouble());
        var mcnemar = root.GetProperty("truth").GetProperty("mcnemar");
        Assert.Equal(want.GetProperty("mcnemar").GetProperty("onlyA").GetInt64(), mcnemar.GetProperty("onlyACorrect").GetInt64());
        Assert.Equal(want.GetProperty("mcnemar").GetProperty("onlyB").GetInt64(), mcnemar.GetProperty("onlyBCorrect").GetInt64());
        Assert.Equal(want.GetProperty("mcnemar").GetProperty("pValue").GetDouble(), mcnemar.GetProperty("pValue").GetDouble());
        Assert.Equal(want.GetProperty("macroF1").GetDouble(), root.GetProperty("truth").GetProperty("macroF1A").GetDouble(), 12);
    }

    [Fact]
    public void Diff_BothPredictOneClassText_SaysUndefinedAndWhy()
    {
        var result = PortalCli.Run("diff", CaseFiles.Path("08-kappa-single-class", "a.csv"), CaseFiles.Path("08-kappa-single-class", "b.csv"));

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Stdout.Split('\n'), l => l.Contains("Cohen's kappa", StringComparison.Ordinal));
        Assert.Contains("undefined", line, StringComparison.Ordinal);
        Assert.Contains("both submissions predict a single class, so chance agreement is 1", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_FloatLabelsJson_EqualsScikitLearn()
    {
        var result = PortalCli.Run("score", "--truth", Truth, "--submission", CaseFiles.Path("02-float-labels", "submission.csv"), "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        using var expected = JsonDocument.Parse(File.ReadAllText(CaseFiles.Path("02-float-labels", "expected_if_accepted.json")));
        foreach (var name in new[] { "macroF1", "weightedF1", "accuracy" })
        {
            Assert.Equal(expected.RootElement.GetProperty(name).GetDouble(), json.RootElement.GetProperty(name).GetDouble(), 12);
        }
    }

    [Fact]
    public void Ensemble_FloatLabelsSubmission_VotesWithThemAsIntegers()
    {
        using var dir = new TempDirectory();
        var floats = CaseFiles.Path("02-float-labels", "submission.csv");
        var outPath = dir.File("vote.csv");

        var vote = PortalCli.Run("ensemble", "--method", "hard", "--out", outPath, floats, floats, floats);
        var score = PortalCli.Run("score", "--truth", Truth, "--submission", outPath, "--json");

        Assert.Equal(0, vote.ExitCode);
        Assert.Equal(0, score.ExitCode);
        using var json = JsonDocument.Parse(score.Stdout);
        using var expected = JsonDocument.Parse(File.ReadAllText(CaseFiles.Path("02-float-labels", "expected_if_accepted.json")));
        Assert.Equal(expected.RootElement.GetProperty("macroF1").GetDouble(), json.RootElement.GetProperty("macroF1").GetDouble(), 12);
    }

    [Fact]
    public void Score_FractionOnEveryRow_SaysTheFixOnce()
    {
        using var dir = new TempDirectory();
        var text = File.ReadAllText(CaseFiles.Path("02-float-labels", "submission.csv")).Replace(".0\n", ".5\n", StringComparison.Ordinal);
        var submission = dir.Write("sub.csv", text);

        var result = PortalCli.Run("score", "--truth", Truth, "--submission", submission);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("sub.csv is not a valid submission (1 problem):", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"(and 199 more lines like it: 3, 4, 5, 6, 7, …); write class indices as integers (in pandas: df['ans'] = df['ans'].astype(int))."),
            result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n'), l => l.Contains("astype", StringComparison.Ordinal));
    }
}
