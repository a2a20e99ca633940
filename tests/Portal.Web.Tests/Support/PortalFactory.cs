using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Portal.Web.Tests.Support;

/// <summary>
/// The whole app in memory over a <see cref="PortalStore"/> of its own: a fresh temporary folder and a fresh database of
/// the run's provider (<see cref="TestEngines.Provider"/>: a SQLite file in the folder, or a PostgreSQL database of its
/// own), made at first use and removed on dispose. One per test class (IClassFixture); tests keep apart by making their
/// own competitions. Restart, worker and second-instance tests make several in turn or at once over one store, which
/// they own.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public const string HostEmail = "host@portal.test";
    public const string HostPassword = "Host-Password-1";

    private readonly Lazy<PortalStore> _store;
    private readonly bool _ownsStore;
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <summary>A factory over its own store, made at first use (so a missing engine skips the test using it) and removed on dispose, with the job worker running.</summary>
    public PortalFactory()
    {
        _store = new Lazy<PortalStore>(PortalStore.Create);
        _ownsStore = true;
        _settings = new Dictionary<string, string>();
        RunWorker = true;
    }

    private PortalFactory(PortalStore store, bool runWorker, IReadOnlyDictionary<string, string>? settings)
    {
        _store = new Lazy<PortalStore>(() => store);
        _settings = settings ?? new Dictionary<string, string>();
        RunWorker = runWorker;
    }

    /// <summary>
    /// A factory over <paramref name="store"/>, which it leaves in place on dispose (for a restart or a second instance
    /// over the same data); <paramref name="settings"/> (e.g. <c>Events:Redis</c>) are applied after the tests' defaults.
    /// </summary>
    public static PortalFactory Over(PortalStore store, bool runWorker, IReadOnlyDictionary<string, string>? settings = null) =>
        new(store, runWorker, settings);

    /// <summary>Where this app's state lives.</summary>
    public PortalStore Store => _store.Value;

    /// <summary>Where the files (and, on SQLite, the database) live.</summary>
    public string DataDirectory => Store.DataDirectory;

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
        foreach (var (key, value) in Store.Settings)
        {
            builder.UseSetting(key, value);
        }

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
        if (disposing && _ownsStore && _store.IsValueCreated)
        {
            _store.Value.Dispose();
        }
    }
}
