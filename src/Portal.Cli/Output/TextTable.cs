namespace Portal.Cli.Output;

/// <summary>A plain-text table with aligned columns: text columns on the left, numbers on the right.</summary>
internal sealed class TextTable
{
    private const string Gap = "  ";
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <summary>A table with the given column headers; a header starting with '&gt;' is right-aligned (the mark is dropped).</summary>
    public TextTable(params string[] headers)
    {
        _rightAligned = headers.Select(h => h.StartsWith('>')).ToArray();
        _headers = headers.Select(h => h.TrimStart('>')).ToArray();
    }

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the table, each line starting with <paramref name="indent"/>; without <paramref name="header"/> the header line is left out.</summary>
    public void Write(TextWriter writer, string indent = "", bool header = true)
    {
        var widths = new int[_headers.Length];
        for (var c = 0; c < widths.Length; c++)
        {
            widths[c] = Math.Max(header ? _headers[c].Length : 0, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
        }

        if (header)
        {
            WriteLine(writer, indent, _headers, widths);
        }

        foreach (var row in _rows)
        {
            WriteLine(writer, indent, row, widths);
        }
    }

    private void WriteLine(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var line = new System.Text.StringBuilder(indent);
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append(Gap);
            }

            line.Append(_rightAligned[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }
}
