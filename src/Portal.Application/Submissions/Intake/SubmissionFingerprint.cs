using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Application.Submissions.Intake;

/// <summary>
/// The SHA-256 fingerprint of what a team submits (a CSV's bytes; a model's files with its run settings; an ensemble's
/// recipe), as 64 lowercase hex characters: the same fingerprint twice from one team is the same submission sent again.
/// </summary>
public sealed class SubmissionFingerprint : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Adds raw bytes (a file as it is read).</summary>
    public void Append(ReadOnlySpan<byte> bytes) => _hash.AppendData(bytes);

    /// <summary>Adds a text field, length-prefixed so that ("ab","c") and ("a","bc") differ.</summary>
    public void AppendField(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        _hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        _hash.AppendData(bytes);
    }

    /// <summary>Adds a whole file, length-prefixed.</summary>
    public async Task AppendFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        AppendField(file.Length.ToString(CultureInfo.InvariantCulture));
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            _hash.AppendData(buffer, 0, read);
        }
    }

    /// <summary>
    /// The fingerprint of the bytes of the file at <paramref name="path"/> alone (a CSV kept whole): the same as
    /// <see cref="Append"/>ing them as they arrive. Read synchronously: the file was just written, so it is in the page
    /// cache, and an "async" read on Linux is a hop to the thread pool for the same copy.
    /// </summary>
    public static string OfBytes(string path)
    {
        using var fingerprint = new SubmissionFingerprint();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: false);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int read;
            while ((read = file.Read(buffer, 0, 1 << 16)) > 0)
            {
                fingerprint.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return fingerprint.Finish();
    }

    /// <summary>The fingerprint: 64 lowercase hex characters.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
