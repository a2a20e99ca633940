using System.Runtime.InteropServices;
using Portal.Core.Submissions;
using Portal.Data.Entities;
using Portal.Data.Storage;

namespace Portal.Application.Submissions;

/// <summary>
/// Predictions kept in storage as blobs of float32 probabilities (images x classes, row-major, little-endian): a
/// submission's own (<see cref="Submission.ProbabilitiesKey"/>) and a model run's per view and per member. Labels-only
/// submissions keep their labels in the row (<see cref="Submission.Labels"/>) and have no blob.
/// </summary>
public static class StoredPredictions
{
    /// <summary>A new key for a submission's probabilities blob in <paramref name="competitionId"/>: chosen before the row exists, so the blob can be written before the row's transaction.</summary>
    public static string NewKey(int competitionId) => $"predictions/{competitionId}/{Guid.NewGuid():N}.f32";

    /// <summary>Writes <paramref name="probabilities"/> (images x classes) under <paramref name="key"/>.</summary>
    public static Task<long> SaveAsync(IFileStorage storage, string key, ReadOnlySpan<float> probabilities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.SaveAsync(key, new MemoryStream(MemoryMarshal.AsBytes(probabilities).ToArray(), writable: false), cancellationToken);
    }

    /// <summary>The float32 values under <paramref name="key"/>, or null when the blob is missing or not <paramref name="length"/> values long.</summary>
    public static async Task<float[]?> ReadAsync(IFileStorage storage, string key, int length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!await storage.ExistsAsync(key, cancellationToken))
        {
            return null;
        }

        var bytes = new byte[length * sizeof(float)];
        await using var stream = await storage.OpenReadAsync(key, cancellationToken);
        try
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    /// <summary>A scored submission's predictions: its labels, and its probabilities when kept; null when never scored or the blob is gone.</summary>
    public static async Task<Predictions?> LoadAsync(Submission submission, int classCount, IFileStorage storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Labels is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(submission.ProbabilitiesKey))
        {
            return new Predictions(submission.Labels, classCount);
        }

        var probabilities = await ReadAsync(storage, submission.ProbabilitiesKey, submission.Labels.Length * classCount, cancellationToken);
        return probabilities is null ? null : Predictions.FromProbabilities(probabilities, classCount);
    }
}
