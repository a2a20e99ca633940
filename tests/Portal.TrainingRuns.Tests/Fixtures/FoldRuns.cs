namespace Portal.TrainingRuns.Tests.Fixtures;

/// <summary>
/// Writes a k-fold training run as TensorBoard lays it out: one folder per fold (<c>fold_0</c> ... <c>fold_4</c>), each
/// with one event file holding the file version, the hyperparameters (hparams plugin), four scalar tags written in
/// every scalar form of the wild (train/loss as simple_value, val/f1 as a float_val tensor with TF2's metadata on its
/// first value, val/loss as a float64 tensor_content, lr as a double_val tensor) and a histogram to be skipped.
/// Values are drawn from a seeded generator; <see cref="Expected"/> holds what the reader must return.
/// </summary>
internal sealed class FoldRuns
{
    public const double StartTime = 1_764_547_200; // 2025-12-01T00:00:00Z

    private FoldRuns(List<ExpectedSeries> expected, Dictionary<string, Dictionary<string, string>> hparams)
    {
        Expected = expected;
        HParams = hparams;
    }

    /// <summary>Every series written, by run ("fold_0" ...) and tag.</summary>
    public List<ExpectedSeries> Expected { get; }

    /// <summary>The hyperparameters written per run, as the reader renders them.</summary>
    public Dictionary<string, Dictionary<string, string>> HParams { get; }

    /// <summary>Writes <paramref name="folds"/> folds of <paramref name="steps"/> logged steps under <paramref name="root"/>.</summary>
    public static FoldRuns Write(string root, int folds = 5, int steps = 30, int seed = 13)
    {
        var random = new Random(seed);
        var expected = new List<ExpectedSeries>();
        var hparams = new Dictionary<string, Dictionary<string, string>>();
        for (var fold = 0; fold < folds; fold++)
        {
            var run = $"fold_{fold}";
            var folder = Directory.CreateDirectory(Path.Combine(root, run)).FullName;
            var path = Path.Combine(folder, $"events.out.tfevents.{1764547200 + fold}.trainer.{4000 + fold}.0");
            var series = new Dictionary<string, ExpectedSeries>
            {
                ["train/loss"] = new(run, "train/loss", [], [], []),
                ["val/f1"] = new(run, "val/f1", [], [], []),
                ["val/loss"] = new(run, "val/loss", [], [], []),
                ["lr"] = new(run, "lr", [], [], []),
            };
            using var writer = new TfEventsWriter(File.Create(path));
            writer.FileVersion(StartTime);
            writer.HParams([new("lr", 0.001 * (fold + 1)), new("batch_size", 32), new("model", "resnet18"), new("pretrained", true)], StartTime);
            hparams[run] = new() { ["lr"] = (0.001 * (fold + 1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture), ["batch_size"] = "32", ["model"] = "resnet18", ["pretrained"] = "true" };
            for (var i = 0; i < steps; i++)
            {
                var step = (long)i * 100;
                var wall = StartTime + fold * 1000 + i * 2.5;
                var loss = 2.0 * Math.Exp(-i / 10.0) + random.NextDouble() * 0.05;
                Add(series["train/loss"], writer.Scalar, step, wall, loss, ScalarForm.SimpleValue, expectedValue: (float)loss);
                if (i % 5 == 4)
                {
                    var f1 = 0.5 + 0.4 * (1 - Math.Exp(-i / 8.0)) + random.NextDouble() * 0.02;
                    Add(series["val/f1"], writer.Scalar, step, wall, f1, ScalarForm.TensorFloatVal, expectedValue: (float)f1, withMetadata: i == 4);
                    var valLoss = loss * 1.1 + random.NextDouble() * 0.01;
                    Add(series["val/loss"], writer.Scalar, step, wall, valLoss, ScalarForm.TensorDoubleContent, expectedValue: valLoss);
                    writer.Histogram("weights/fc", step, wall);
                }

                var lr = 0.001 * (fold + 1) * Math.Pow(0.95, i);
                Add(series["lr"], writer.Scalar, step, wall, lr, ScalarForm.TensorDoubleVal, expectedValue: lr);
            }

            expected.AddRange(series.Values);
        }

        return new FoldRuns(expected, hparams);
    }

    private static void Add(ExpectedSeries series, Func<string, long, double, double, ScalarForm, bool, TfEventsWriter> write,
        long step, double wall, double value, ScalarForm form, double expectedValue, bool withMetadata = false)
    {
        write(series.Tag, step, wall, value, form, withMetadata);
        series.Steps.Add(step);
        series.Values.Add(expectedValue);
        series.WallTimes.Add(wall);
    }
}
