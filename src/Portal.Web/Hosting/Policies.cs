namespace Portal.Web.Hosting;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Hosts only.</summary>
    public const string Host = "Host";

    /// <summary>A team token or a signed-in user (reads).</summary>
    public const string ApiReader = "ApiReader";

    /// <summary>A team token only (writes: a cookie must not be able to submit from another site).</summary>
    public const string TeamToken = "TeamToken";
}
