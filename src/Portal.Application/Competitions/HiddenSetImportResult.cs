namespace Portal.Application.Competitions;

/// <summary>The outcome of importing a hidden set: the image count, or every problem found.</summary>
public sealed record HiddenSetImportResult(int ImageCount, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    public static HiddenSetImportResult Failed(params string[] problems) => new(0, problems);
}
