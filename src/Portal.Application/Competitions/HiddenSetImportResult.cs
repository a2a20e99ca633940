namespace Portal.Application.Competitions;

/// <summary>
/// The outcome of importing a hidden set: the image count, or every problem found. <see cref="InConflict"/> marks a
/// refusal because of the competition's state (its hidden set is already scored on), not because of the files.
/// </summary>
public sealed record HiddenSetImportResult(int ImageCount, IReadOnlyList<string> Problems, bool InConflict = false)
{
    public bool Succeeded => Problems.Count == 0;

    public static HiddenSetImportResult Failed(params string[] problems) => new(0, problems);

    /// <summary>Refused because of the competition's state (HTTP 409), with the reason.</summary>
    public static HiddenSetImportResult Conflict(string reason) => new(0, [reason], InConflict: true);
}
