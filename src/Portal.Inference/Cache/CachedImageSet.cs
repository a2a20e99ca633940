namespace Portal.Inference.Cache;

/// <summary>
/// One complete file of a <see cref="DecodedImageCache"/>: its decoded size (<paramref name="Width"/> x
/// <paramref name="Height"/> pixels), its length in bytes, when a run last opened it (UTC) and whether one has it open now.
/// </summary>
public sealed record CachedImageSet(string Path, int Width, int Height, long Bytes, DateTime LastUsedUtc, bool InUse);
