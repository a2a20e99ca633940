namespace Portal.Core.Submissions;

/// <summary>Raised by <see cref="GuardedStream"/> when the bytes themselves rule the file out.</summary>
internal sealed class InputRejectedException(ProblemCode code, string message) : Exception(message)
{
    public ProblemCode Code { get; } = code;
}
