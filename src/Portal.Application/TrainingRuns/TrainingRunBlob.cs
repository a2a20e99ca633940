using System.IO.Compression;
using System.Text;

namespace Portal.Application.TrainingRuns;

/// <summary>
/// The compact stored form of a run's series: one Brotli-compressed binary document per run, each series a pair of
/// arrays (steps as int64, values as float64 bit for bit, so NaN and infinities survive). Layout after decompression:
/// a format byte (1), the series count (int32), then per series: run and tag (length-prefixed UTF-8), the point count
/// (int32), the steps, the values; little-endian throughout.
/// </summary>
internal static class TrainingRunBlob
{
    private const byte Format = 1;

    /// <summary>The blob of <paramref name="series"/>.</summary>
    public static byte[] Write(IReadOnlyList<TrainingRunSeries> series)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(series.Count);
            foreach (var s in series)
            {
                writer.Write(s.Run);
                writer.Write(s.Tag);
                writer.Write(s.Steps.Length);
                foreach (var step in s.Steps)
                {
                    writer.Write(step);
                }

                foreach (var value in s.Values)
                {
                    writer.Write(value);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The series of a blob written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> on any other bytes.</summary>
    public static IReadOnlyList<TrainingRunSeries> Read(byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        try
        {
            using var brotli = new BrotliStream(new MemoryStream(blob, writable: false), CompressionMode.Decompress);
            using var reader = new BinaryReader(brotli, Encoding.UTF8);
            if (reader.ReadByte() != Format)
            {
                throw new InvalidDataException("Unknown training-run blob format.");
            }

            var count = reader.ReadInt32();
            var series = new List<TrainingRunSeries>(Math.Min(count, 4096));
            for (var i = 0; i < count; i++)
            {
                var run = reader.ReadString();
                var tag = reader.ReadString();
                var points = reader.ReadInt32();
                if (points < 0)
                {
                    throw new InvalidDataException("A negative point count.");
                }

                var steps = new long[points];
                var values = new double[points];
                for (var p = 0; p < points; p++)
                {
                    steps[p] = reader.ReadInt64();
                }

                for (var p = 0; p < points; p++)
                {
                    values[p] = reader.ReadDouble();
                }

                series.Add(new TrainingRunSeries(run, tag, steps, values));
            }

            return series;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The training-run blob ends early.", e);
        }
    }
}
