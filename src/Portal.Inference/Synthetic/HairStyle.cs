namespace Portal.Inference.Synthetic;

/// <summary>The hair cuts the generator draws; the long ones are the main gender cue.</summary>
internal enum HairStyle
{
    /// <summary>Short crop with sideburns (mostly men).</summary>
    Short,

    /// <summary>Short with a receding hairline.</summary>
    Receding,

    /// <summary>Hair only at the sides and back.</summary>
    Balding,

    /// <summary>A short, full cut with a side-swept fringe (some women).</summary>
    Pixie,

    /// <summary>Chin- to jaw-length (some women, a few men).</summary>
    Bob,

    /// <summary>Falling past the chin beside the face (most women).</summary>
    Long,
}
