using System.Text;
using Portal.Core.Competitions;
using Portal.Core.Submissions;

namespace Portal.Core.Tests.Support;

/// <summary>Small builders for CSV inputs and hidden sets used across the tests.</summary>
internal static class Csv
{
    public static MemoryStream Stream(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new MemoryStream(bom ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes);
    }

    /// <summary>A deterministic hidden-set id: 40 hex digits and an extension, as real hidden sets name images.</summary>
    public static string ImageId(int i)
    {
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(i)));
        return hex + (i % 3) switch { 0 => ".jpg", 1 => ".jpeg", _ => ".png" };
    }

    public static GroundTruth Truth(int count, int classes = 18, int seed = 1)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, count).Select(ImageId).ToArray();
        var labels = Enumerable.Range(0, count).Select(_ => (byte)random.Next(classes)).ToArray();
        return new GroundTruth(new ImageIndex(ids), labels, classes);
    }

    public static string LabelsFile(GroundTruth truth, ReadOnlySpan<byte> labels, string newline = "\n")
    {
        var sb = new StringBuilder("ImageID,ans").Append(newline);
        for (var i = 0; i < truth.Count; i++)
        {
            sb.Append(truth.Images[i]).Append(',').Append(labels[i]).Append(newline);
        }

        return sb.ToString();
    }

    public static ReadResult<Predictions> ReadLabels(GroundTruth truth, string text, ClassTaxonomy? taxonomy = null, CsvReadOptions? options = null) =>
        PredictionCsvReader.Read(Stream(text), truth.Images, taxonomy ?? ClassTaxonomy.MaskGenderAge, options);
}
