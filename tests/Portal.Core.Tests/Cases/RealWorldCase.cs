using System.Text.Json;
using Portal.Core.Competitions;
using Portal.Core.Submissions;

namespace Portal.Core.Tests.Cases;

/// <summary>A case copied from ../shared/cases (see its README): the inputs, the 200-image truth they share and the right values.</summary>
internal sealed class RealWorldCase : IDisposable
{
    private RealWorldCase(string name, string expectedFile)
    {
        Root = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cases");
        Directory = Path.Combine(Root, name);
        Expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, expectedFile)));
        Truth = TruthCsvReader.Read(Path.Combine(Root, "truth.csv"), Taxonomy.Count).GetValueOrThrow();
    }

    public static RealWorldCase Load(string name, string expectedFile) => new(name, expectedFile);

    public string Root { get; }

    public string Directory { get; }

    public JsonDocument Expected { get; }

    public ClassTaxonomy Taxonomy { get; } = ClassTaxonomy.MaskGenderAge;

    public GroundTruth Truth { get; }

    public ReadResult<Predictions> Read(string file) =>
        PredictionCsvReader.Read(Path.Combine(Directory, file), Truth.Images, Taxonomy);

    public void Dispose() => Expected.Dispose();
}
