using Portal.Inference.Preprocessing;

namespace Portal.Inference.Samples;

/// <summary>
/// The sample ONNX model shipped with Portal: a small CNN trained on synthetic faces (never the demo hidden set's
/// people) by <c>tools/SampleModel/train_sample_model.py</c>. The demo seeds a model submission with it, and the
/// parity tests check that Portal reproduces PyTorch's probabilities on it.
/// </summary>
public static class SampleModel
{
    /// <summary>The number of classes of its output (the mask task's 18).</summary>
    public const int Classes = 18;

    /// <summary>A file name for the model when it is saved or uploaded.</summary>
    public const string FileName = "mask-sample.onnx";

    /// <summary>One line on what the model is, for a submission's description.</summary>
    public const string Description =
        "Sample model: a 5-layer CNN (64x64 RGB) trained with PyTorch on 3,360 synthetic faces of other people than the hidden set.";

    private const string ResourceName = "Portal.Inference.Samples.mask-sample.onnx";

    /// <summary>
    /// How the model was trained to see an image: 64x64 stretch, RGB, x/255 then Portal's default mean and std.
    /// The training faces were brought to 64x64 by Portal's own <see cref="ImageLoader"/>, so this is exact.
    /// </summary>
    public static PreprocessOptions Preprocess { get; } = new()
    {
        Width = 64,
        Height = 64,
        Resize = ResizeMode.Stretch,
        Channels = ChannelOrder.Rgb,
    };

    /// <summary>The model file's bytes (opset 13, input <c>input</c> [N,3,64,64], output <c>logits</c> [N,18]).</summary>
    public static byte[] ReadBytes()
    {
        using var stream = typeof(SampleModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from Portal.Inference.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
