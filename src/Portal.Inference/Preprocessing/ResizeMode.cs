namespace Portal.Inference.Preprocessing;

/// <summary>How a decoded image is brought to the model's input size.</summary>
public enum ResizeMode
{
    /// <summary>Scale width and height independently to the input size (the aspect ratio may change).</summary>
    Stretch,

    /// <summary>Keep the aspect ratio: scale so the image covers the input size, then take the centre.</summary>
    Crop,
}
