using System.Text.Json;
using Portal.Core.Competitions;
using Portal.Data.Entities;

namespace Portal.Application.Competitions;

/// <summary>Converts between a competition's stored classes and axes and the core's taxonomy.</summary>
public static class CompetitionTaxonomy
{
    private sealed record AxisJson(string Name, List<string> Values);

    public static ClassTaxonomy From(Competition competition)
    {
        ArgumentNullException.ThrowIfNull(competition);
        var axes = string.IsNullOrEmpty(competition.AxesJson)
            ? null
            : JsonSerializer.Deserialize<List<AxisJson>>(competition.AxesJson, JsonSerializerOptions.Web)!
                .Select(a => new AttributeAxis(a.Name, a.Values)).ToList();
        return new ClassTaxonomy(competition.ClassNames, axes);
    }

    public static string? AxesToJson(ClassTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return taxonomy.Axes.Count == 0
            ? null
            : JsonSerializer.Serialize(taxonomy.Axes.Select(a => new AxisJson(a.Name, a.ValueNames.ToList())), JsonSerializerOptions.Web);
    }
}
