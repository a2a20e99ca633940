using Portal.Core.Ensembles;

namespace Portal.Application.Ensembles;

/// <summary>The names of the voting methods in the API and on the page.</summary>
public static class EnsembleMethods
{
    /// <summary>The method named <paramref name="name"/> (<c>hard</c>, <c>soft</c>, <c>gmean</c>), or null.</summary>
    public static EnsembleMethod? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "hard" => EnsembleMethod.Hard,
        "soft" => EnsembleMethod.Soft,
        "gmean" or "geometric-mean" => EnsembleMethod.GeometricMean,
        _ => null,
    };

    /// <summary>The API name of <paramref name="method"/>.</summary>
    public static string Name(EnsembleMethod method) => method switch
    {
        EnsembleMethod.Soft => "soft",
        EnsembleMethod.GeometricMean => "gmean",
        _ => "hard",
    };

    /// <summary>The method in words, for sentences.</summary>
    public static string Words(EnsembleMethod method) => method switch
    {
        EnsembleMethod.Soft => "soft voting",
        EnsembleMethod.GeometricMean => "the geometric mean",
        _ => "hard voting",
    };
}
