using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>Writes a count matrix with each row on one line, so an indented 18 x 18 matrix stays readable.</summary>
internal sealed class CompactRowsConverter : JsonConverter<long[][]>
{
    public override long[][] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("portal only writes these documents.");

    public override void Write(Utf8JsonWriter writer, long[][] value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        var row = new StringBuilder();

        // A raw value gets no line break or indentation of its own, so each row brings them.
        var lineStart = writer.Options.Indented
            ? writer.Options.NewLine + new string(writer.Options.IndentCharacter, writer.CurrentDepth * writer.Options.IndentSize)
            : "";
        foreach (var counts in value)
        {
            row.Clear().Append(lineStart).Append('[');
            for (var c = 0; c < counts.Length; c++)
            {
                row.Append(c == 0 ? "" : ", ").Append(counts[c].ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteRawValue(row.Append(']').ToString(), skipInputValidation: true);
        }

        writer.WriteEndArray();
    }
}
