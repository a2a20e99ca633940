using Portal.Inference.Preprocessing;

namespace Portal.Inference.Cache;

/// <summary>
/// Decodes the image at <paramref name="path"/>, resizes it to <paramref name="size"/>'s width and height (as its
/// resize mode says) and writes the RGB bytes into <paramref name="destination"/>; throws
/// <see cref="InvalidDataException"/> naming the file when it cannot. <see cref="ImageLoader.LoadInto"/> by default;
/// tests pass their own to count decodes.
/// </summary>
public delegate void ImageDecoder(string path, PreprocessOptions size, Span<byte> destination);
