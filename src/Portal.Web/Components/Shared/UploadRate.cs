using System.Globalization;
using Portal.Core.Submissions;

namespace Portal.Web.Components.Shared;

/// <summary>
/// How far an upload has gone: <paramref name="Sent"/> of <paramref name="Total"/> bytes after <paramref name="Elapsed"/>;
/// the rate is the mean since the start (steady over a long upload, unlike the last interval's).
/// </summary>
public readonly record struct UploadRate(long Sent, long Total, TimeSpan Elapsed)
{
    /// <summary>Percent sent, 0-100.</summary>
    public double Percent => Total <= 0 ? 0 : Math.Clamp(100.0 * Sent / Total, 0, 100);

    /// <summary>Mean rate in MB/s (10^6 bytes per second); 0 before any time has passed.</summary>
    public double MegabytesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Sent / 1e6 / Elapsed.TotalSeconds;

    /// <summary>Time left at the mean rate; null before the rate is known.</summary>
    public TimeSpan? Left => Sent <= 0 || Elapsed <= TimeSpan.Zero ? null : TimeSpan.FromSeconds((Total - Sent) * Elapsed.TotalSeconds / Sent);

    /// <summary>"43% · 146 MiB of 339 MiB · 38.2 MB/s · 5 s left".</summary>
    public override string ToString()
    {
        var left = Left is { } l ? " · " + (l.TotalSeconds < 60 ? $"{Math.Ceiling(l.TotalSeconds):0} s left" : $"{Math.Ceiling(l.TotalMinutes):0} min left") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{Percent:0}% · {ByteSize.Format(Sent)} of {ByteSize.Format(Total)} · {MegabytesPerSecond:0.0} MB/s{left}");
    }
}
