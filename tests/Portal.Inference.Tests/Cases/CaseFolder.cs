namespace Portal.Inference.Tests.Cases;

/// <summary>The files of the real-world cases copied from ../shared/cases (see its README), next to the tests.</summary>
internal static class CaseFolder
{
    /// <summary>The full path of <paramref name="parts"/> under the cases folder, e.g. ("16-truncated-jpeg", "images").</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", "Cases", .. parts]);

    /// <summary>The image paths of a case's ids.csv, in its order.</summary>
    public static string[] ImagesOf(string name) =>
        File.ReadLines(Path(name, "ids.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => Path(name, "images", l.Split(',')[0])).ToArray();

    /// <summary>reference_probs.csv of a case: image id to its probabilities.</summary>
    public static Dictionary<string, double[]> ReferenceProbabilities(string name) =>
        File.ReadLines(Path(name, "reference_probs.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => p[1..].Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
}
