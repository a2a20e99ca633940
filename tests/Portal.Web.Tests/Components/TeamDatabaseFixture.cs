using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Components;

/// <summary>
/// A migrated database of the run's provider (<see cref="PortalStore"/>), shared by a class's tests (each seeds its own
/// competition). Made at first use, inside a test, so a missing engine skips the tests rather than failing the fixture.
/// </summary>
public sealed class TeamDatabaseFixture : IDisposable
{
    private readonly Lazy<PortalStore> _store = new(() => PortalStore.CreateMigratedAsync().GetAwaiter().GetResult());

    public PortalStore Store => _store.Value;

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            _store.Value.Dispose();
        }
    }
}
