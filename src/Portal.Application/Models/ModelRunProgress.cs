namespace Portal.Application.Models;

/// <summary>
/// How far a model run that has not finished has got, as the API answers it while the run is queued or running.
/// </summary>
/// <param name="State">"queued" or "running" (lower case, as every status of the API).</param>
/// <param name="Fraction">The share done, 0 to 1 (the worker writes it with its lease heartbeat).</param>
/// <param name="Text">What it is doing, e.g. "Model 1 of 2 · 3,200 of 12,600 images · 45 img/s · ETA 4 min", or "Decoding once
/// for this input size: ..."; null while queued or before the first report.</param>
public sealed record ModelRunProgress(string State, double Fraction, string? Text);
