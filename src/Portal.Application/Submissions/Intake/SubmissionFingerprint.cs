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

    /// <summary>The fingerprint: 64 lowercase hex characters.</summary>
    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
