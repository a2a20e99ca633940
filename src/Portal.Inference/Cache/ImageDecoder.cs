using Portal.Inference.Preprocessing;

namespace Portal.Inference.Cache;

/// <summary>
/// Decodes the encoded image <paramref name="encoded"/> (named <paramref name="name"/> in messages), resizes it to
/// <paramref name="size"/>'s width and height (as its resize mode says) and writes the RGB bytes into
/// <paramref name="destination"/>; throws <see cref="InvalidDataException"/> naming it when it cannot.
/// <see cref="ImageLoader.LoadInto(ReadOnlySpan{byte}, string, PreprocessOptions, Span{byte})"/> by default; tests pass their own to count decodes.
/// </summary>
public delegate void ImageDecoder(ReadOnlySpan<byte> encoded, string name, PreprocessOptions size, Span<byte> destination);
