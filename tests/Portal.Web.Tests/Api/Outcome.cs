namespace Portal.Web.Tests.Api;

/// <summary>What a request of the authorization matrix must get.</summary>
public enum Outcome
{
    /// <summary>200 (for an admin page: with the admin content).</summary>
    Ok,

    /// <summary>202: an upload taken.</summary>
    Accepted,

    /// <summary>400: the request names something the caller may not use (another team's submission in an ensemble).</summary>
    BadRequest,

    /// <summary>401: who is asking is not known.</summary>
    Unauthorized,

    /// <summary>403: known, but not allowed.</summary>
    Forbidden,

    /// <summary>404: not there for this caller (another team's submission is not told apart from a missing one).</summary>
    NotFound,

    /// <summary>A redirect to the sign-in page that comes back to the page asked for.</summary>
    SignIn,

    /// <summary>A signed-in participant on a host page: sent to the access-denied page (403, "for hosts"), never shown admin content.</summary>
    HostsOnly,

    /// <summary>409: allowed, but not in the competition's present state (reopen an open one).</summary>
    Conflict,

    /// <summary>400 that names the missing antiforgery token: a write carried by a browser's cookie alone.</summary>
    Antiforgery,
}
