namespace Portal.Inference.Preprocessing;

/// <summary>The order of the colour planes in the model's input tensor.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue (PIL / torchvision).</summary>
    Rgb,

    /// <summary>Blue, green, red (OpenCV).</summary>
    Bgr,
}
