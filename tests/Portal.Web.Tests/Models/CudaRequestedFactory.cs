namespace Portal.Web.Tests.Models;

/// <summary>The portal configured for CUDA on a build (the CPU package) that cannot have it.</summary>
public sealed class CudaRequestedFactory : ModelPortalFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Inference:Provider"] = "Cuda" };
}
