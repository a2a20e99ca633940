namespace Portal.Web.Jobs;

/// <summary>A job cannot succeed, for a reason the user can act on; it is failed at once, not retried.</summary>
public sealed class JobFailedException(string message) : Exception(message);
