using BenchmarkDotNet.Attributes;
using Portal.TrainingRuns;
using Portal.TrainingRuns.TensorBoard;
using Portal.TrainingRuns.Tests.Fixtures;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 13: 100,000 scalar events read in &lt;= 100 ms. One event file as torch.utils.tensorboard writes it during a
/// training (the file version, then one scalar per event: train/loss every step as simple_value, val/f1 and val/loss as
/// TF2-style tensors every 10th step, lr as a double tensor every 10th step), read from memory and from a file on disk
/// (page cache warm), CRCs checked and every event parsed: <c>--filter '*TfEventsRead*'</c>.
/// </summary>
[MemoryDiagnoser]
public class TfEventsReadBenchmarks
{
    private const int Events = 100_000;
    private byte[] _file = [];
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        using var stream = new MemoryStream();
        var writer = new TfEventsWriter(stream).FileVersion(1_764_547_200);
        var random = new Random(13);
        var step = 0L;
        while (writer.Records <= Events)
        {
            var wall = 1_764_547_200 + step * 0.05;
            writer.Scalar("train/loss", step, wall, 2 * Math.Exp(-step / 20_000.0) + random.NextDouble() * 0.05, ScalarForm.SimpleValue);
            if (step % 10 == 9 && writer.Records + 3 <= Events + 1)
            {
                writer.Scalar("val/f1", step, wall, 0.5 + random.NextDouble() * 0.4, ScalarForm.TensorFloatContent, withMetadata: step == 9)
                    .Scalar("val/loss", step, wall, 1 + random.NextDouble(), ScalarForm.TensorFloatVal)
                    .Scalar("lr", step, wall, 1e-3 * Math.Pow(0.9999, step), ScalarForm.TensorDoubleVal);
            }

            step++;
        }

        _file = stream.ToArray();
        _path = Path.Combine(Path.GetTempPath(), $"events.out.tfevents.1764547200.bench.{Environment.ProcessId}");
        File.WriteAllBytes(_path, _file);
        var points = Read().Series.Sum(s => s.Count);
        if (points != Events)
        {
            throw new InvalidOperationException($"The benchmark file holds {points} scalar events, not {Events}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public TrainingRunSet Read() => TfEventsReader.Read(new MemoryStream(_file), "events.out.tfevents.bench");

    [Benchmark]
    public TrainingRunSet ReadFile() => TrainingRunReader.ReadPaths([_path]);
}
