namespace Portal.Application.Models;

/// <summary>The macro F1 of one set of predictions on the public split and (when the viewer may see it) the private split.</summary>
public sealed record F1Pair(double Public, double? Private)
{
    public F1Pair PublicOnly() => this with { Private = null };
}
