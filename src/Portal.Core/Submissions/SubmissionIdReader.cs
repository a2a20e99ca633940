using System.Text;
using System.Text.Unicode;

namespace Portal.Core.Submissions;

/// <summary>
/// The distinct image ids a submission names, in first-seen order: the image set to read other
/// submissions against when there is no truth (comparing or ensembling two submissions).
/// </summary>
/// <remarks>
/// This pass reports nothing. Reading the same file with <see cref="PredictionCsvReader"/> against
/// the returned index lists every problem by line (duplicates with both lines, bad labels,
/// a wrong header, ...), so the first file is held to the same rules as the others.
/// </remarks>
public static class SubmissionIdReader
{
    /// <summary>Reads the ids of a submission file.</summary>
    public static ImageIndex Read(string path, CsvReadOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, options);
    }

    /// <summary>Reads the ids of a submission (the stream is disposed).</summary>
    public static ImageIndex Read(Stream stream, CsvReadOptions? options = null)
    {
        options ??= CsvReadOptions.Default;
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var csv = new CsvSource(stream, options, new ProblemCollector(0));
        if (!csv.NextHeader())
        {
            return new ImageIndex(ids);
        }

        // A first line that is data (a missing header) still names an image; the reader reports the header.
        var first = csv.Field(0);
        if (!HeaderNames.Is(first, HeaderNames.ImageId) && HeaderNames.LooksLikeImageFile(first))
        {
            Take(csv, ids, seen);
        }

        while (csv.Next())
        {
            if (!csv.CurrentIsMalformed)
            {
                Take(csv, ids, seen);
            }
        }

        return new ImageIndex(ids);
    }

    private static void Take(CsvSource csv, List<string> ids, HashSet<string> seen)
    {
        var field = csv.Field(0);
        if (field.IsEmpty || !Utf8.IsValid(field))
        {
            return;
        }

        var id = Encoding.UTF8.GetString(field);
        if (seen.Add(id))
        {
            ids.Add(id);
        }
    }
}
