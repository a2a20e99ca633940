using System.Text.Json;
using Portal.Core.Ensembles;

namespace Portal.Application.Ensembles;

/// <summary>What a BuildEnsemble job combines, kept as the job's payload: the method and each member's id and weight.</summary>
public sealed record EnsembleRecipe(EnsembleMethod Method, IReadOnlyList<EnsembleMemberRequest> Members)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static EnsembleRecipe? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<EnsembleRecipe>(json, JsonSerializerOptions.Web);
}
