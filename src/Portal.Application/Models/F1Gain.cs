namespace Portal.Application.Models;

/// <summary>A difference of macro F1 (a TTA view's minus the identity view's) on the public split and, when the viewer may see it, the private split.</summary>
public sealed record F1Gain(double Public, double? Private);
