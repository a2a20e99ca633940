namespace Portal.Inference.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that calls back at once on the reporting thread (Progress&lt;T&gt; posts later).</summary>
internal sealed class CallbackProgress<T>(Action<T> callback) : IProgress<T>
{
    public void Report(T value) => callback(value);
}
