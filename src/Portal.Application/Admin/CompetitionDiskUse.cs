namespace Portal.Application.Admin;

/// <summary>What one competition's stored files take, in bytes, by kind.</summary>
/// <param name="CompetitionId">Its id; files under an id that no competition has any more are listed with a null <paramref name="Slug"/>.</param>
/// <param name="Slug">Its slug, or null for files left by a deleted competition (the start-up sweep deletes them).</param>
/// <param name="HiddenImageBytes">Its hidden set's images (<c>hidden/{id}</c>).</param>
/// <param name="SubmissionBytes">Uploaded and built prediction CSVs (<c>submissions/{id}/{team}/*.csv</c>).</param>
/// <param name="ModelBytes">Uploaded ONNX models (<c>submissions/{id}/{team}/{upload}/...</c>).</param>
/// <param name="PredictionBytes">Kept probabilities of submissions and model runs (<c>predictions/{id}</c>).</param>
public sealed record CompetitionDiskUse(int CompetitionId, string? Slug, long HiddenImageBytes, long SubmissionBytes, long ModelBytes, long PredictionBytes)
{
    /// <summary>All of its files, in bytes.</summary>
    public long TotalBytes => HiddenImageBytes + SubmissionBytes + ModelBytes + PredictionBytes;
}
