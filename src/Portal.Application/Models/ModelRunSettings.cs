using Portal.Inference.Preprocessing;

namespace Portal.Application.Models;

/// <summary>How every member of a model submission is run: preprocessing, TTA preset and merge, members' weights (checked).</summary>
public sealed record ModelRunSettings(
    int Width,
    int Height,
    ResizeMode Resize,
    float[] Mean,
    float[] Std,
    ChannelOrder Channels,
    string Tta,
    string Merge,
    double[] Weights)
{
    public PreprocessOptions Preprocess() => new()
    {
        Width = Width,
        Height = Height,
        Resize = Resize,
        Mean = Mean,
        Std = Std,
        Channels = Channels,
    };
}
