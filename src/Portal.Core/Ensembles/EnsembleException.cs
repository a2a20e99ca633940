namespace Portal.Core.Ensembles;

/// <summary>The members cannot be combined as asked; the message says why in plain words.</summary>
public sealed class EnsembleException(string message) : Exception(message);
