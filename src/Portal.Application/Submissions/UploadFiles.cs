using Portal.Application.Text;

namespace Portal.Application.Submissions;

/// <summary>What every upload (a CSV, model files) does with what it receives before it is checked and stored.</summary>
internal static class UploadFiles
{
    /// <summary>
    /// Copies <paramref name="source"/> to a new file at <paramref name="path"/>, adding its bytes to
    /// <paramref name="fingerprint"/> when given; -1 as soon as it passes <paramref name="limit"/> bytes.
    /// </summary>
    public static async Task<long> CopyLimitedAsync(Stream source, string path, long limit, CancellationToken cancellationToken,
        Intake.SubmissionFingerprint? fingerprint = null)
    {
        var buffer = new byte[81920];
        long total = 0;
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return -1;
            }

            fingerprint?.Append(buffer.AsSpan(0, read));
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    /// <summary>
    /// Copies at most <paramref name="most"/> bytes of <paramref name="source"/> to a new file at <paramref name="path"/> and
    /// reads no further; complete when the source ended there.
    /// </summary>
    public static async Task<(long Length, bool Complete)> CopyAtMostAsync(Stream source, string path, long most, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            while (total < most)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, most - total)), cancellationToken);
                if (read == 0)
                {
                    return (total, true);
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                total += read;
            }
        }

        return (total, await source.ReadAsync(buffer.AsMemory(0, 1), cancellationToken) == 0);
    }

    /// <summary>A user-given text (description, file name) without bidirectional controls, trimmed and cut to what the database column holds.</summary>
    public static string Truncate(string? text, int max)
    {
        text = BidiControls.Strip(text).Trim();
        return text.Length <= max ? text : text[..max];
    }
}
