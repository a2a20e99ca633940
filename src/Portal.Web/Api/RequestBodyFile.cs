using Portal.Data.Storage;

namespace Portal.Web.Api;

/// <summary>
/// A raw request body (not a form) kept in a temporary file as it arrives, never held in memory, read no further than
/// a limit whatever the body declares. The file is the caller's to dispose (which deletes it).
/// </summary>
public static class RequestBodyFile
{
    /// <summary>How reading the body ended.</summary>
    public enum Outcome
    {
        /// <summary>All of it is in the file.</summary>
        Saved,

        /// <summary>It declared, or turned out to have, more than the limit; the file is deleted.</summary>
        TooLarge,

        /// <summary>The connection dropped before its end; the file is deleted.</summary>
        Dropped,
    }

    /// <summary>Saves the body of <paramref name="request"/> into a fresh temporary file with <paramref name="extension"/>.</summary>
    public static async Task<(Outcome Outcome, TemporaryFile? File, long Length)> SaveAsync(HttpRequest request, ITemporaryFiles temporaries, long limit, string extension)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(temporaries);
        if (request.ContentLength is { } declared && declared > limit)
        {
            return (Outcome.TooLarge, null, declared);
        }

        var temporary = temporaries.CreateFile(extension);
        try
        {
            await using (var target = new FileStream(temporary.Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                await new BodyLimitStream(request.Body, limit).CopyToAsync(target, 1 << 20, request.HttpContext.RequestAborted);
            }

            return (Outcome.Saved, temporary, new FileInfo(temporary.Path).Length);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            temporary.Dispose();
            return (Outcome.TooLarge, null, limit + 1);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            temporary.Dispose();
            return (Outcome.Dropped, null, 0);
        }
    }
}
