using System.Globalization;
using System.Text.Json;
using Portal.Application.Submissions.Intake;
using Portal.Core.Ensembles;

namespace Portal.Application.Ensembles;

/// <summary>What a BuildEnsemble job combines, kept as the job's payload: the method and each member's id and weight.</summary>
public sealed record EnsembleRecipe(EnsembleMethod Method, IReadOnlyList<EnsembleMemberRequest> Members)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonSerializerOptions.Web);

    public static EnsembleRecipe? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<EnsembleRecipe>(json, JsonSerializerOptions.Web);

    /// <summary>
    /// The recipe's <see cref="SubmissionFingerprint"/>: the method and the members by id with their normalised weights,
    /// so the same ensemble asked for again (in another order, or with all weights doubled) is flagged as the same.
    /// </summary>
    public static string Fingerprint(EnsembleMethod method, IReadOnlyCollection<EnsembleMemberRequest> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var total = members.Sum(m => m.Weight);
        using var hash = new SubmissionFingerprint();
        hash.AppendField("ensemble " + method);
        foreach (var member in members.OrderBy(m => m.Id))
        {
            hash.AppendField(string.Create(CultureInfo.InvariantCulture, $"{member.Id}:{member.Weight / total:R}"));
        }

        return hash.Finish();
    }
}
