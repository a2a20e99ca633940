namespace Portal.Inference.Cache;

/// <summary>A decoded-image cache would not fit on its disk; the message says how much it needs and how much is free.</summary>
public sealed class CacheSpaceException : IOException
{
    public CacheSpaceException()
    {
    }

    public CacheSpaceException(string message)
        : base(message)
    {
    }

    public CacheSpaceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
