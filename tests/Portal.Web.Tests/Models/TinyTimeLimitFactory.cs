namespace Portal.Web.Tests.Models;

/// <summary>The portal with a model-run time limit no run can meet.</summary>
public sealed class TinyTimeLimitFactory : ModelPortalFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Inference:RunTimeLimit"] = "00:00:00.001" };
}
