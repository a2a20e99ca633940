using Portal.Inference.Cache;

namespace Portal.Application.Admin;

/// <summary>The server's disk use, for the Admin panel; sizes in bytes.</summary>
/// <param name="Competitions">Stored files per competition, largest first.</param>
/// <param name="DecodedCaches">This machine's decoded-image caches (one file per hidden set and input size), least recently used first.</param>
/// <param name="DecodedCapBytes">Their cap (<c>Inference:MaxCacheBytes</c>); 0 for none.</param>
/// <param name="ThumbnailBytes">This machine's thumbnails of hidden images (made again on demand).</param>
/// <param name="ScratchBytes">This machine's scratch files (uploads being checked, zips being unpacked).</param>
/// <param name="Disks">Free space where the stored files, the caches and the scratch files live.</param>
public sealed record DiskUsageReport(
    IReadOnlyList<CompetitionDiskUse> Competitions,
    IReadOnlyList<CachedImageSet> DecodedCaches,
    long DecodedCapBytes,
    long ThumbnailBytes,
    long ScratchBytes,
    IReadOnlyList<DiskFree> Disks)
{
    /// <summary>The decoded-image caches together.</summary>
    public long DecodedBytes => DecodedCaches.Sum(c => c.Bytes);
}
