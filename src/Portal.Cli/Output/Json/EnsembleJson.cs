namespace Portal.Cli.Output.Json;

/// <summary>
/// The JSON document of <c>portal ensemble --json</c>: what was combined and where it was written;
/// <see cref="Format"/> is <c>labels</c> (hard voting) or <c>probabilities</c> (soft, gmean).
/// </summary>
internal sealed record EnsembleJson(string Method, IReadOnlyList<EnsembleMemberJson> Members, string Out, int Count, string Format);
