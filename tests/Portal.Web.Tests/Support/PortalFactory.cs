using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Portal.Web.Tests.Support;

/// <summary>
/// The whole app in memory over a SQLite database in a fresh temporary folder. One per test class
/// (IClassFixture); tests keep apart by making their own competitions. The restart tests make two
/// in turn over one folder, which they own.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string HostEmail = "host@portal.test";
    public const string HostPassword = "Host-Password-1";

    private readonly bool _ownsFolder;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <summary>A factory over its own temporary folder, deleted on dispose, with the job worker running.</summary>
    public PortalFactory()
        : this(dataDirectory: null, runWorker: true, settings: null)
    {
    }

    private PortalFactory(string? dataDirectory, bool runWorker, IReadOnlyDictionary<string, string>? settings)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _ownsFolder = dataDirectory is null;
        DataDirectory = dataDirectory ?? NewDataDirectory();
        RunWorker = runWorker;
    }

    /// <summary>
    /// A factory over <paramref name="dataDirectory"/>, which it leaves in place on dispose (for a restart over the same
    /// data); <paramref name="settings"/> (e.g. <c>Events:Redis</c>) are applied after the tests' defaults.
    /// </summary>
    public static PortalFactory Over(string dataDirectory, bool runWorker, IReadOnlyDictionary<string, string>? settings = null) =>
        new(dataDirectory, runWorker, settings);

    /// <summary>Where the database and the files live.</summary>
    public string DataDirectory { get; }

    /// <summary>Whether the in-process job worker runs (false leaves submissions queued, as a stopped app would).</summary>
    public bool RunWorker { get; }

    /// <summary>A fresh empty folder under the temporary directory.</summary>
    public static string NewDataDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "portal-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a data folder; a leftover temporary folder is no reason to fail a test.</summary>
    public static void DeleteDataDirectory(string path)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:SeedDemo", "false");
        builder.UseSetting("Portal:AdminEmail", HostEmail);
        builder.UseSetting("Portal:AdminPassword", HostPassword);
        builder.UseSetting("Jobs:Lease", "00:00:05");
        builder.UseSetting("Jobs:PollInterval", "00:00:00.200");
        builder.UseSetting("Jobs:RunWorker", RunWorker ? "true" : "false");
        builder.UseSetting("Api:SubmissionPermits", "10000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsFolder)
        {
            DeleteDataDirectory(DataDirectory);
        }
    }
}
