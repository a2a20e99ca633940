using Portal.Inference.Preprocessing;

namespace Portal.Application.Models;

/// <summary>
/// How every member of a model submission is run: preprocessing, TTA preset and merge, members' weights (checked), and
/// for three single-head models the attribute head of each member (<see cref="Heads"/>, the axes' names in file order;
/// null when every member gives all the classes).
/// </summary>
public sealed record ModelRunSettings(
    int Width,
    int Height,
    ResizeMode Resize,
    float[] Mean,
    float[] Std,
    ChannelOrder Channels,
    string Tta,
    string Merge,
    double[] Weights,
    IReadOnlyList<string>? Heads = null)
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
