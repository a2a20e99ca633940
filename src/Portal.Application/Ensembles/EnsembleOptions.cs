namespace Portal.Application.Ensembles;

/// <summary>The <c>Ensembles</c> section of appsettings.json: limits of the ensemble builder and the N-way comparison.</summary>
public sealed class EnsembleOptions
{
    public const string Section = "Ensembles";

    /// <summary>The most submissions one ensemble may combine.</summary>
    public int MaxMembers { get; set; } = 50;

    /// <summary>The most submissions the N-way comparison shows at once.</summary>
    public int MaxCompared { get; set; } = 50;

    /// <summary>Up to how many submissions the heatmap writes each cell's percentage (beyond, only colours and tooltips).</summary>
    public int MaxLabelledCells { get; set; } = 12;
}
