using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Portal.TrainingRuns.TensorBoard.Protos;

namespace Portal.TrainingRuns.TensorBoard;

/// <summary>
/// TensorBoard's hparams plugin: a summary value whose metadata's <c>plugin_name</c> is "hparams" carries a serialized
/// <c>HParamsPluginData</c>; its <c>session_start_info.hparams</c> map holds each hyperparameter's name and value.
/// </summary>
internal static class HParamsPlugin
{
    public const string PluginName = "hparams";

    private static readonly MessageParser<HParamsPluginData> Parser = HParamsPluginData.Parser.WithDiscardUnknownFields(true);

    /// <summary>
    /// The name and value (as text: numbers in round-trip form, strings as they are, "true"/"false", "null", lists
    /// and maps as JSON) of each hyperparameter in <paramref name="content"/>; none when it is the experiment or
    /// session-end part. Throws <see cref="InvalidProtocolBufferException"/> when the content is not the message.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Read(ByteString content)
    {
        var data = Parser.ParseFrom(content);
        if (data.DataCase != HParamsPluginData.DataOneofCase.SessionStartInfo)
        {
            return [];
        }

        return data.SessionStartInfo.Hparams.Select(p => KeyValuePair.Create(p.Key, Text(p.Value)));
    }

    private static string Text(Value? value) => value?.KindCase switch
    {
        Value.KindOneofCase.NumberValue => value.NumberValue.ToString("R", CultureInfo.InvariantCulture),
        Value.KindOneofCase.StringValue => value.StringValue,
        Value.KindOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        Value.KindOneofCase.StructValue or Value.KindOneofCase.ListValue => value.ToString(),
        _ => "null",
    };
}
