using Portal.Data.Storage;
using Portal.Web.Tests.Support;

namespace Portal.Web.Tests.Storage;

/// <summary>The storage contract held by the tests' in-memory storage, the stand-in for storage that is not a local disk.</summary>
public sealed class InMemoryFileStorageTests : FileStorageContract
{
    protected override IFileStorage Storage { get; } = new InMemoryFileStorage();
}
