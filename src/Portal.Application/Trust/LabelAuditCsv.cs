using System.Globalization;
using CsvHelper;

namespace Portal.Application.Trust;

/// <summary>The label audit as CSV (one suspect a line, strongest first), for a host to fix labels in a spreadsheet.</summary>
public static class LabelAuditCsv
{
    /// <summary>The header, in column order.</summary>
    public static readonly string[] Columns = ["ImageID", "truth", "consensus", "votes", "voters", "agreement", "mean_confidence", "differing"];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\n" };

    /// <summary>Writes <paramref name="audit"/> to <paramref name="stream"/> (the stream stays open).</summary>
    public static void Write(Stream stream, LabelAuditView audit)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(audit);
        using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        csv.WriteHeader(Columns);
        foreach (var row in audit.Rows)
        {
            csv.WriteField(row.ImageId);
            csv.WriteField(row.Truth);
            csv.WriteField(row.Consensus);
            csv.WriteField(row.Votes.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Voters.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Agreement.ToString("0.####", CultureInfo.InvariantCulture));
            csv.WriteField(row.MeanConfidence?.ToString("0.####", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(string.Join("; ", row.Differing));
            csv.EndRecord();
        }
    }

    /// <summary>The CSV as UTF-8 bytes.</summary>
    public static byte[] ToBytes(LabelAuditView audit)
    {
        using var buffer = new MemoryStream();
        Write(buffer, audit);
        return buffer.ToArray();
    }
}
