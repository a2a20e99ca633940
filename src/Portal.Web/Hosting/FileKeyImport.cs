using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Hosting;

/// <summary>
/// The data-protection keys of a Portal from before keys were kept in the database: they lie in <c>{DataDirectory}/keys</c>
/// (one XML file per key or revocation, named after it). Copying them into the database at start keeps the sign-in
/// cookies and antiforgery tokens issued before an upgrade valid after it, on every instance. The folder is left as it
/// was; a key already in the database (by its name) is not copied again.
/// </summary>
public static partial class FileKeyImport
{
    /// <summary>The folder an earlier Portal kept its keys in, under <paramref name="dataPath"/>.</summary>
    public static string Folder(string dataPath) => Path.Combine(dataPath, "keys");

    /// <summary>Copies the keys of <paramref name="folder"/> missing from the database; returns how many it copied.</summary>
    public static async Task<int> ImportAsync(IDbContextFactory<PortalDbContext> dbFactory, string folder, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            // The file system repository names each file after the element's friendly name, as the database keeps it.
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name))
            {
                continue;
            }

            var element = XElement.Load(file);
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = element.ToString(SaveOptions.DisableFormatting) });
            copied++;
        }

        if (copied > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            LogImported(logger, copied, folder);
        }

        return copied;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Count} data-protection key file(s) from {Folder} into the database")]
    private static partial void LogImported(ILogger logger, int count, string folder);
}
