using System.Diagnostics;
using System.Globalization;
using Portal.Application.Jobs;

namespace Portal.Application.Models;

/// <summary>
/// Turns "images done" of each member's run into the job's progress: "Model 2 of 5 · 3,200 of 12,600 images · 45 img/s
/// · ETA 4 min", pushed at most once per interval. Also remembers how far the current member got, so a model that
/// fails can be reported with the image it failed on.
/// </summary>
internal sealed class RunModelProgress(IJobProgress progress, int members, int images, TimeSpan interval) : IProgress<int>
{
    // The last share of the bar is left for scoring and storing.
    private const double RunShare = 0.95;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastReport = TimeSpan.MinValue;
    private TimeSpan _rateStart;
    private long _finishedAtRateStart;
    private int _member;
    private bool _decoding;

    /// <summary>Images the current member has finished (the first of the batch being run, when it fails).</summary>
    public int Done { get; private set; }

    /// <summary>Starts the next member (0-based).</summary>
    public void StartMember(int member)
    {
        _member = member;
        Done = 0;
        Push(force: true);
    }

    /// <summary>
    /// Marks the decoding of the hidden images into the cache (first run of a set and size only): reports then count
    /// images decoded, and the model's images per second are measured from when it ends.
    /// </summary>
    public void Decoding(bool decoding)
    {
        _decoding = decoding;
        Done = 0;
        if (!decoding)
        {
            _rateStart = _clock.Elapsed;
            _finishedAtRateStart = (long)_member * images;
        }
    }

    public void Report(int value)
    {
        Done = value;
        Push(force: value >= images);
    }

    private void Push(bool force)
    {
        var now = _clock.Elapsed;
        if (!force && now - _lastReport < interval)
        {
            return;
        }

        _lastReport = now;
        var total = (long)members * images;
        if (_decoding)
        {
            progress.Report(total == 0 ? 0 : RunShare * _member * images / total,
                string.Create(CultureInfo.InvariantCulture, $"Decoding once for this input size: {Done:N0} of {images:N0} images"));
            return;
        }

        var finished = (long)_member * images + Done;
        var seconds = (now - _rateStart).TotalSeconds;
        var rate = seconds > 0 ? (finished - _finishedAtRateStart) / seconds : 0;
        var text = string.Create(CultureInfo.InvariantCulture, $"{Done:N0} of {images:N0} images");
        if (members > 1)
        {
            text = string.Create(CultureInfo.InvariantCulture, $"Model {_member + 1} of {members} · {text}");
        }

        if (finished > 0 && rate > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" · {rate:N0} img/s · ETA {Eta(TimeSpan.FromSeconds((total - finished) / rate))}");
        }

        progress.Report(total == 0 ? 0 : RunShare * finished / total, text);
    }

    private static string Eta(TimeSpan left) => left.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(left.TotalSeconds):N0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(left.TotalMinutes):N0} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{left.TotalHours:N1} h"),
    };
}
