namespace Portal.Web.Hosting;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Hosts only.</summary>
    public const string Host = "Host";

    /// <summary>Anyone, seen through every scheme of the API (team token, host token, cookie); for open reads that differ by caller.</summary>
    public const string AnyCaller = "AnyCaller";

    /// <summary>A team token or a signed-in user (reads).</summary>
    public const string ApiReader = "ApiReader";

    /// <summary>
    /// A host API token or a host's signed-in browser (the host API); writes from a browser also need the page's
    /// antiforgery token (<see cref="Api.CookieCallsNeedAntiforgery"/>).
    /// </summary>
    public const string HostApi = "HostApi";

    /// <summary>A signed-in browser only (the sign-in cookie): files staged ahead of the Submit form.</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>A team token only (writes: a cookie must not be able to submit from another site).</summary>
    public const string TeamToken = "TeamToken";
}
