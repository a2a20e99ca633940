using System.Buffers;
using System.IO.Compression;
using Portal.Core.Submissions;

namespace Portal.Application.Competitions;

/// <summary>
/// Unpacks one zip entry to a file counting the bytes actually decompressed, never trusting the size the entry
/// declares: it stops as soon as they pass what is left of the limit, and checks them against the entry's CRC-32,
/// so an entry that lies about its size (a stored entry longer than it says; a deflated one, which .NET cuts at the
/// declared size) is refused by name instead of filling the disk or being kept cut short.
/// </summary>
internal static class ZipEntryCopier
{
    private const int ChunkBytes = 81920;

    /// <summary>Copies <paramref name="entry"/> to <paramref name="path"/>; returns the bytes written.</summary>
    /// <param name="entry">The entry to unpack.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="budget">How many bytes may still be unpacked.</param>
    /// <param name="limit">The whole zip's limit, for the sentence that refuses it.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <exception cref="InvalidDataException">Past the budget, damaged or not matching its checksum; the message names the entry.</exception>
    public static async Task<long> CopyAsync(ZipArchiveEntry entry, string path, long budget, long limit, CancellationToken cancellationToken)
    {
        long written = 0;
        var crc = new System.IO.Hashing.Crc32();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using var source = await entry.OpenAsync(cancellationToken);
            await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: true);
            int read;
            while (written <= budget && (read = await source.ReadAsync(buffer.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                written += read;
                crc.Append(buffer.AsSpan(0, read));
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"The zip entry '{entry.FullName}' could not be unpacked ({e.Message}); zip the hidden set again.", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (written > budget)
        {
            throw new InvalidDataException(
                $"The zip unpacks to more than the limit of {ByteSize.Format(limit)}: the entry '{entry.FullName}' goes past it " +
                $"although it declares {ByteSize.Format(entry.Length)}.");
        }

        if (crc.GetCurrentHashAsUInt32() != entry.Crc32)
        {
            throw new InvalidDataException(
                $"The zip entry '{entry.FullName}' is damaged: what it unpacks to does not match its checksum (the zip was cut off or altered); zip the hidden set again.");
        }

        return written;
    }
}
