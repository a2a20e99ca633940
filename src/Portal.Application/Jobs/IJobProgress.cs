namespace Portal.Application.Jobs;

/// <summary>Where a running job says how far it is.</summary>
public interface IJobProgress
{
    /// <summary>Reports <paramref name="fraction"/> (0 to 1) done and a short text such as "6,300 of 12,600 images".</summary>
    void Report(double fraction, string? text = null);
}
