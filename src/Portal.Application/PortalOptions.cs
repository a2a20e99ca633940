namespace Portal.Application;

/// <summary>The <c>Portal</c> section of appsettings.json.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the database and files live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed the demo competition when the database has no competition yet.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>The host account created on first run.</summary>
    public string AdminEmail { get; set; } = "host@portal.local";

    /// <summary>The host account's password; when empty a random one is generated and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>
    /// A host API token set at deployment, for automation (<c>Authorization: Bearer ph_...</c>); empty means none. It acts as
    /// a host without an account; hosts also make their own rotatable tokens on the Admin page. It must start with
    /// <c>ph_</c> and be at least 32 characters long, or the portal does not start.
    /// </summary>
    public string HostApiToken { get; set; } = "";

    /// <summary>Largest accepted CSV upload, in bytes.</summary>
    public long MaxCsvBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest accepted hidden-set zip, in bytes.</summary>
    public long MaxHiddenSetBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Largest image of a hidden set, in pixels (width x height, read from its header before decoding); the import refuses
    /// larger ones by name. Model runs and thumbnails hold images to <see cref="Portal.Inference.Preprocessing.ImageDecoding.DefaultMaxPixels"/>,
    /// the same 40 megapixels by default.
    /// </summary>
    public long MaxImagePixels { get; set; } = Portal.Inference.Preprocessing.ImageDecoding.DefaultMaxPixels;

    /// <summary>
    /// Disk space, in bytes, that a hidden-set import must leave free on the scratch disk after unpacking; a zip that would
    /// leave less is refused before it is unpacked.
    /// </summary>
    public long ReservedFreeDiskBytes { get; set; } = Portal.Inference.Cache.DecodedImageCache.ReservedFreeBytes;

    /// <summary>How many problems of an invalid file are listed.</summary>
    public int MaxListedProblems { get; set; } = 100;

    /// <summary>Resamples of the paired bootstrap on the Compare screen and API.</summary>
    public int CompareBootstrapResamples { get; set; } = 1000;

    /// <summary>Seed of the paired bootstrap, so the same two submissions always give the same interval.</summary>
    public ulong CompareBootstrapSeed { get; set; } = 42;

    /// <summary>Half splits of the public images behind the shake-up forecast (seeded by <see cref="CompareBootstrapSeed"/>).</summary>
    public int ForecastSplits { get; set; } = 1000;

    /// <summary>How many of the public board's top teams' best submissions vote in the label audit.</summary>
    public int AuditVoters { get; set; } = 10;

    /// <summary>
    /// How old a left-behind file (temporary, or stored with no row naming it) must be before the sweep at start deletes it;
    /// younger ones may belong to an upload in progress on another instance.
    /// </summary>
    public TimeSpan OrphanFileAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Where this machine keeps its caches of stored files (decoded images for model runs, thumbnails); empty means
    /// <c>cache</c> under <see cref="DataDirectory"/>. See <see cref="Storage.LocalCacheFolders"/>.
    /// </summary>
    public string CacheDirectory { get; set; } = "";

    /// <summary>
    /// The root of storage (<see cref="Portal.Data.Storage.IFileStorage"/>: hidden-set images, uploads, kept
    /// probabilities); empty means <c>files</c> under <see cref="DataDirectory"/>. Scaled out, every web instance and
    /// worker points here at one shared folder (NFS or similar) while each keeps its own data directory (scratch files,
    /// sandboxed runs, caches).
    /// </summary>
    public string FilesDirectory { get; set; } = "";

    /// <summary>The absolute data directory, resolved once at start.</summary>
    public string DataPath => Path.GetFullPath(DataDirectory);

    /// <summary>The absolute root of storage: <see cref="FilesDirectory"/>, or <c>files</c> under the data directory.</summary>
    public string FilesPath => string.IsNullOrWhiteSpace(FilesDirectory) ? Path.Combine(DataPath, "files") : Path.GetFullPath(FilesDirectory);

    /// <summary>The absolute folder of this machine's scratch files (<see cref="Portal.Data.Storage.ITemporaryFiles"/>): <c>tmp</c> under the data directory.</summary>
    public string TemporaryPath => Path.Combine(DataPath, "tmp");
}
