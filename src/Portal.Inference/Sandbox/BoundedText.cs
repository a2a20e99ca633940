using System.Text;

namespace Portal.Inference.Sandbox;

/// <summary>The first characters of a stream of lines (a runner's standard error), thread-safe, so a chatty process cannot fill memory.</summary>
internal sealed class BoundedText(int maxChars)
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            var room = maxChars - _text.Length;
            if (room > 0)
            {
                _text.Append(line.AsSpan(0, Math.Min(room, line.Length))).Append('\n');
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString().Trim();
        }
    }
}
