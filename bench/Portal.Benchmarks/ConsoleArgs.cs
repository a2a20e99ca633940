using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>The <c>--name value</c> options of the console modes.</summary>
internal sealed class ConsoleArgs(string[] args)
{
    public int Integer(string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public string Text(string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
