using CsvHelper;

namespace Portal.Core.Submissions;

/// <summary>
/// Writes predictions in the submission formats <see cref="PredictionCsvReader"/> reads:
/// <c>ImageID,ans</c> for labels, <c>ImageID,0,...,C-1</c> for probabilities, in image-index order.
/// </summary>
public static class PredictionCsvWriter
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\n" };

    /// <summary>Writes <paramref name="predictions"/> in <paramref name="format"/> (the stream stays open).</summary>
    public static void Write(Stream stream, ImageIndex images, Predictions predictions, SubmissionFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(predictions);
        if (predictions.Count != images.Count)
        {
            throw new ArgumentException("There must be one prediction per image.", nameof(predictions));
        }

        if (format == SubmissionFormat.Probabilities && !predictions.HasProbabilities)
        {
            throw new ArgumentException("These predictions have labels only; they cannot be written as probabilities.", nameof(format));
        }

        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        if (format == SubmissionFormat.Labels)
        {
            WriteLabels(csv, images, predictions);
        }
        else
        {
            WriteProbabilities(csv, images, predictions);
        }
    }

    /// <summary>Writes <paramref name="predictions"/> to a new file (overwriting one that exists).</summary>
    public static void Write(string path, ImageIndex images, Predictions predictions, SubmissionFormat format)
    {
        using var stream = File.Create(path);
        Write(stream, images, predictions, format);
    }

    /// <summary>Writes the image ids, one per line under the header <c>ImageID</c>, in index order (the stream stays open).</summary>
    public static void WriteIds(Stream stream, ImageIndex images)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(images);
        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        csv.WriteHeader([HeaderNames.ImageId]);
        for (var i = 0; i < images.Count; i++)
        {
            csv.WriteField(images[i]);
            csv.EndRecord();
        }
    }

    private static void WriteLabels(CsvWriter csv, ImageIndex images, Predictions predictions)
    {
        csv.WriteHeader([HeaderNames.ImageId, HeaderNames.Answer]);
        var labels = predictions.Labels;
        for (var i = 0; i < images.Count; i++)
        {
            csv.WriteField(images[i]);
            csv.WriteField((int)labels[i], default);
            csv.EndRecord();
        }
    }

    private static void WriteProbabilities(CsvWriter csv, ImageIndex images, Predictions predictions)
    {
        var classes = predictions.ClassCount;
        var header = new string[classes + 1];
        header[0] = HeaderNames.ImageId;
        for (var c = 0; c < classes; c++)
        {
            header[c + 1] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        csv.WriteHeader(header);
        for (var i = 0; i < images.Count; i++)
        {
            csv.WriteField(images[i]);

            // Shortest round-trip text: reading the file back gives the same floats.
            foreach (var p in predictions.ProbabilitiesOf(i))
            {
                csv.WriteField(p, default);
            }

            csv.EndRecord();
        }
    }
}
