using System.Buffers;
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
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            long total = 0;
            using var target = CreateLocal(path);
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, CopyBuffer), cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                {
                    return -1;
                }

                fingerprint?.Append(buffer.AsSpan(0, read));
                target.Write(buffer, 0, read);
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Copies at most <paramref name="most"/> bytes of <paramref name="source"/> to a new file at <paramref name="path"/> and
    /// reads no further; complete when the source ended there.
    /// </summary>
    public static async Task<(long Length, bool Complete)> CopyAtMostAsync(Stream source, string path, long most, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBuffer);
        try
        {
            long total = 0;
            using (var target = CreateLocal(path))
            {
                while (total < most)
                {
                    var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(CopyBuffer, most - total)), cancellationToken);
                    if (read == 0)
                    {
                        return (total, true);
                    }

                    target.Write(buffer, 0, read);
                    total += read;
                }
            }

            return (total, await source.ReadAsync(buffer.AsMemory(0, 1), cancellationToken) == 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const int CopyBuffer = 81920;

    /// <summary>
    /// A new file on this machine's disk for an upload's bytes, written synchronously: Linux has no asynchronous file
    /// writes, so an "async" write is a hop to the thread pool for a copy into the page cache (the source, the network,
    /// is still awaited).
    /// </summary>
    private static FileStream CreateLocal(string path) => new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false);

    /// <summary>A user-given text (description, file name) without bidirectional controls, trimmed and cut to what the database column holds.</summary>
    public static string Truncate(string? text, int max)
    {
        text = BidiControls.Strip(text).Trim();
        return text.Length <= max ? text : text[..max];
    }
}
