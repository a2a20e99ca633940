using System.Buffers.Binary;
using Portal.TrainingRuns.Settings;
using Portal.TrainingRuns.TensorBoard;
using Portal.TrainingRuns.Tests.Fixtures;
using Portal.TrainingRuns.Tests.Support;

namespace Portal.TrainingRuns.Tests;

/// <summary>
/// Damaged copies of valid files, seeded: each read either succeeds or is refused with a
/// <see cref="RunFileRejectedException"/> naming the file; any other exception fails the test with its iteration.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private const string Name = "events.out.tfevents.1.fuzz";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TfEvents_RandomFlipsAndCuts_OnlySuccessOrTypedRefusal()
    {
        var valid = ValidEventFile();
        var random = new Random(20261201);
        var refused = 0;
        for (var i = 0; i < 4000; i++)
        {
            refused += Outcome(i, () => TfEventsReader.Read(new MemoryStream(Mutations.Damage(valid, random)), Name));
        }

        // Nearly every damage is caught by a checksum or a cut; a flip in the last record's tail can leave it whole.
        Assert.InRange(refused, 3000, 4000);
    }

    [Fact]
    public void TfEvents_DamagedEventsWithValidChecksums_OnlySuccessOrTypedRefusal()
    {
        var payloads = Payloads(ValidEventFile());
        var random = new Random(7);
        var refused = 0;
        for (var i = 0; i < 4000; i++)
        {
            using var file = new MemoryStream();
            foreach (var payload in payloads)
            {
                // The damage is inside the protobuf; the framing around it is rebuilt, so the parser must cope.
                file.Write(TfEventsWriter.Frame(random.Next(4) == 0 ? Mutations.Damage(payload, random) : payload));
            }

            refused += Outcome(i, () => TfEventsReader.Read(new MemoryStream(file.ToArray()), Name));
        }

        Assert.InRange(refused, 1, 4000);
    }

    [Fact]
    public void Histories_DamagedCsvAndJsonLines_OnlySuccessOrTypedRefusal()
    {
        const string csv = "_step,_runtime,_timestamp,train/loss,val/f1\n0,1.5,1764547200.5,0.9,\n1,3.0,1764547202.0,0.7,0.61\n2,4.5,1764547203.5,\"0.5\",0.66\n";
        const string jsonl = "{\"_step\": 0, \"_timestamp\": 1764547200.5, \"loss\": 0.9, \"img\": {\"_type\": \"image-file\"}}\n{\"_step\": 1, \"loss\": NaN, \"f1\": 0.6}\n";
        var random = new Random(11);
        for (var i = 0; i < 1500; i++)
        {
            var csvPath = WriteBytes("history.csv", Mutations.Damage(csv, random));
            Outcome(i, () => TrainingRunReader.ReadPaths([csvPath]));
            var jsonPath = WriteBytes("history.jsonl", Mutations.Damage(jsonl, random));
            Outcome(i, () => TrainingRunReader.ReadPaths([jsonPath]));
        }
    }

    [Fact]
    public void Settings_DamagedYamlJsonAndOptuna_OnlySuccessOrTypedRefusal()
    {
        const string yaml = "model:\n  name: resnet18\n  pretrained: true\noptimizer: &opt\n  lr: 1e-3\n  betas: [0.9, 0.999]\nfinetune: *opt\naugment:\n  - hflip\n  - {name: cutout, size: 16}\nseed: 42\n";
        const string json = "{\"model\": {\"name\": \"resnet18\"}, \"lr\": 0.001, \"augment\": [\"hflip\", null], \"folds\": 5}";
        const string optuna = "{\"best_params\": {\"lr\": 0.00031, \"dropout\": 0.2, \"optimizer\": \"adamw\"}, \"best_value\": 0.912}";
        var random = new Random(3);
        for (var i = 0; i < 1500; i++)
        {
            var y = Mutations.Damage(yaml, random);
            Outcome(i, () => SettingsReader.ReadYaml(new MemoryStream(y), "config.yaml"));
            var j = Mutations.Damage(json, random);
            Outcome(i, () => SettingsReader.ReadJson(new MemoryStream(j), "config.json"));
            var o = Mutations.Damage(optuna, random);
            Outcome(i, () => SettingsReader.ReadOptuna(new MemoryStream(o), "best_params.json"));
        }
    }

    /// <summary>1 when <paramref name="read"/> was refused, 0 when it succeeded; fails on any other exception.</summary>
    private static int Outcome(int iteration, Func<object> read)
    {
        try
        {
            read();
            return 0;
        }
        catch (RunFileRejectedException e)
        {
            Assert.False(string.IsNullOrEmpty(e.FileName));
            Assert.StartsWith(e.FileName, e.Message, StringComparison.Ordinal);
            return 1;
        }
        catch (Exception e)
        {
            Assert.Fail($"Iteration {iteration}: {e.GetType().Name} instead of a refusal: {e}");
            return 0;
        }
    }

    private static byte[] ValidEventFile()
    {
        using var stream = new MemoryStream();
        var writer = new TfEventsWriter(stream);
        writer.FileVersion(1).HParams([new("lr", 0.001), new("model", "resnet18"), new("mixup", true)], 1);
        for (var i = 0; i < 12; i++)
        {
            writer.Scalar("train/loss", i, 10 + i, 1.0 / (i + 1), ScalarForm.SimpleValue)
                .Scalar("val/f1", i, 10 + i, 0.5 + i / 100.0, ScalarForm.TensorFloatVal, withMetadata: i == 0)
                .Scalar("val/loss", i, 10 + i, 0.9 - i / 50.0, ScalarForm.TensorDoubleContent)
                .Scalar("lr", i, 10 + i, 0.01, ScalarForm.TensorDoubleVal);
            if (i % 4 == 0)
            {
                writer.Histogram("weights", i, 10 + i);
            }
        }

        return stream.ToArray();
    }

    private static List<byte[]> Payloads(byte[] file)
    {
        var payloads = new List<byte[]>();
        for (var at = 0; at < file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
            payloads.Add(file[(at + 12)..(at + 12 + length)]);
            at += 16 + length;
        }

        return payloads;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = _dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
