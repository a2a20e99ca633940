using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Cli.Output.Json;

/// <summary>
/// Writes a series' points as <c>[[step, value], ...]</c>, one point a line, straight from its arrays (no copy per
/// point). Values are round-trip numbers; NaN and infinities are the strings "NaN", "Infinity" and "-Infinity", as the
/// rest of the document writes them.
/// </summary>
internal sealed class CurvePointsConverter : JsonConverter<CurvePoints>
{
    public override CurvePoints Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("portal only writes these documents.");

    public override void Write(Utf8JsonWriter writer, CurvePoints value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        var lineStart = writer.Options.Indented
            ? writer.Options.NewLine + new string(writer.Options.IndentCharacter, writer.CurrentDepth * writer.Options.IndentSize)
            : "";
        var point = new StringBuilder();
        var steps = value.Series().Steps;
        var values = value.Series().Values;
        for (var i = 0; i < steps.Length; i++)
        {
            point.Clear().Append(lineStart).Append('[').Append(steps[i].ToString(CultureInfo.InvariantCulture)).Append(", ").Append(Number(values[i])).Append(']');
            writer.WriteRawValue(point.ToString(), skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    private static string Number(double v) => double.IsFinite(v)
        ? v.ToString("R", CultureInfo.InvariantCulture)
        : double.IsNaN(v) ? "\"NaN\"" : v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
}
