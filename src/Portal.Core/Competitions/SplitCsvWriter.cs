using CsvHelper;

namespace Portal.Core.Competitions;

/// <summary>Writes a public/private split as <c>ImageID,split</c> with <c>public</c> or <c>private</c>, in hidden-set order.</summary>
public static class SplitCsvWriter
{
    /// <summary>The value written for an image on the public board.</summary>
    public const string Public = "public";

    /// <summary>The value written for an image on the private board.</summary>
    public const string Private = "private";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\n" };

    /// <summary>Writes one row per image of <paramref name="imageIds"/> (the stream stays open).</summary>
    public static void Write(Stream stream, IReadOnlyList<string> imageIds, PublicPrivateSplit split)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(imageIds);
        ArgumentNullException.ThrowIfNull(split);
        if (imageIds.Count != split.Count)
        {
            throw new ArgumentException("The split must cover the same images.", nameof(split));
        }

        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        csv.WriteHeader(["ImageID", "split"]);
        for (var i = 0; i < imageIds.Count; i++)
        {
            csv.WriteRecord([imageIds[i], split.IsPublic(i) ? Public : Private]);
        }
    }

    /// <summary>Writes the split to a new file (overwriting one that exists).</summary>
    public static void Write(string path, IReadOnlyList<string> imageIds, PublicPrivateSplit split)
    {
        using var stream = File.Create(path);
        Write(stream, imageIds, split);
    }
}
