using Portal.Core.Scoring;

namespace Portal.Cli.Output;

/// <summary>A count matrix as text: class indices along both edges, right-aligned counts.</summary>
internal static class MatrixText
{
    public static void Write(TextWriter writer, ConfusionMatrix matrix, string corner)
    {
        var headers = new string[matrix.ClassCount + 1];
        headers[0] = ">" + corner;
        for (var c = 0; c < matrix.ClassCount; c++)
        {
            headers[c + 1] = ">" + Format.Plain(c);
        }

        var table = new TextTable(headers);
        for (var r = 0; r < matrix.ClassCount; r++)
        {
            var cells = new string[matrix.ClassCount + 1];
            cells[0] = Format.Plain(r);
            for (var c = 0; c < matrix.ClassCount; c++)
            {
                cells[c + 1] = Format.Plain(matrix[r, c]);
            }

            table.AddRow(cells);
        }

        table.Write(writer, "  ");
    }
}
