namespace Portal.Inference.Synthetic;

/// <summary>How a face mask is worn: the most significant digit of the mask task's class.</summary>
public enum MaskState
{
    /// <summary>The mask covers nose and mouth.</summary>
    Wear = 0,

    /// <summary>The mask is on but below the nose or on the chin.</summary>
    Incorrect = 1,

    /// <summary>No mask.</summary>
    NotWear = 2,
}
