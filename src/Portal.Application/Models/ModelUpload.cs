namespace Portal.Application.Models;

/// <summary>One uploaded model file: its name, its size when the sender said it, and how to read it (opened once).</summary>
public sealed record ModelUpload(string FileName, long? Length, Func<Stream> Open);
