using System.Text.Json;
using Portal.Core.Competitions;
using Portal.Core.Submissions;

namespace Portal.Core.Tests.Parity;

/// <summary>A fixture written by tools/make_parity_fixtures.py: inputs and scikit-learn's numbers for them.</summary>
internal sealed class ParityCase : IDisposable
{
    private ParityCase(string name)
    {
        Directory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Parity", name);
        Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "expected.json")));
        var classes = Root.GetProperty("classes").GetInt32();
        Taxonomy = Root.GetProperty("axes").GetBoolean() ? ClassTaxonomy.MaskGenderAge : ClassTaxonomy.Plain(classes);
        Truth = TruthCsvReader.Read(Path.Combine(Directory, "truth.csv"), classes).GetValueOrThrow();
    }

    public static IEnumerable<string> Names => ["mask_random", "tiny_zero_division", "three_classes", "probabilities"];

    public static ParityCase Load(string name) => new(name);

    public string Directory { get; }

    public JsonDocument Expected { get; }

    public JsonElement Root => Expected.RootElement;

    public ClassTaxonomy Taxonomy { get; }

    public GroundTruth Truth { get; }

    public Predictions Read(string file) =>
        PredictionCsvReader.Read(Path.Combine(Directory, file), Truth.Images, Taxonomy).GetValueOrThrow();

    public void Dispose() => Expected.Dispose();
}
