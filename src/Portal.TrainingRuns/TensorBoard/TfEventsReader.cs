using System.Text;
using Google.Protobuf;
using Portal.TrainingRuns.Series;
using Portal.TrainingRuns.TensorBoard.Protos;

namespace Portal.TrainingRuns.TensorBoard;

/// <summary>
/// Reads TensorBoard event files (<c>events.out.tfevents.*</c>, as written by torch.utils.tensorboard, TensorFlow,
/// Keras and tensorboardX): TFRecord framing with both masked CRC-32Cs checked, each record an <c>Event</c> protobuf.
/// Scalar summaries become points (step, value, wall time in seconds since the Unix epoch): <c>simple_value</c>
/// (float32) and one-element numeric tensors (float32/float64 in <c>float_val</c>, <c>double_val</c> or
/// <c>tensor_content</c>; also half, bfloat16 and integers). The hparams plugin's session-start data gives the run's
/// hyperparameters. Images, histograms, text, graphs and other plugins are skipped.
/// Every malformed file is refused with <see cref="RunFileRejectedException"/> naming the file and record.
/// </summary>
public static class TfEventsReader
{
    /// <summary>The start of every event file's name; TensorBoard adds a timestamp, host name and suffix.</summary>
    public const string FileNamePrefix = "events.out.tfevents.";

    private static readonly MessageParser<Event> Parser = Event.Parser.WithDiscardUnknownFields(true);

    /// <summary>Whether a file name is an event file's (<c>events.out.tfevents.*</c>).</summary>
    public static bool IsEventFileName(string fileName) =>
        Path.GetFileName(fileName).StartsWith(FileNamePrefix, StringComparison.Ordinal);

    /// <summary>
    /// The series of one event file as run "."; <paramref name="fileName"/> names it in refusals. The stream is read
    /// to its end and not closed.
    /// </summary>
    public static TrainingRunSet Read(Stream stream, string fileName, TrainingRunReadOptions? options = null)
    {
        var collector = new SeriesCollector();
        Read(stream, fileName, ".", options ?? TrainingRunReadOptions.Default, collector);
        return collector.Build(1);
    }

    /// <summary>Adds the series and hyperparameters of one event file to <paramref name="collector"/> under <paramref name="run"/>.</summary>
    internal static void Read(Stream stream, string fileName, string run, TrainingRunReadOptions options, SeriesCollector collector)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        var records = new TfRecordReader(SizeLimitedStream.Guard(stream, options.MaxFileBytes, fileName), fileName, options.MaxRecordBytes);
        var tags = new Dictionary<string, TagState>(StringComparer.Ordinal);
        while (records.TryRead(out var data))
        {
            Event e;
            try
            {
                e = Parser.ParseFrom(data);
            }
            catch (Exception ex) when (ex is InvalidProtocolBufferException or DecoderFallbackException)
            {
                throw RunFileRejectedException.AtRecord(RunFileProblem.NotAnEvent, fileName, records.Record,
                    $"the record is not a TensorBoard event ({ex.Message.TrimEnd('.')}).");
            }

            if (e.WhatCase == Event.WhatOneofCase.Summary)
            {
                foreach (var value in e.Summary.Value)
                {
                    AddValue(value, e, run, fileName, records.Record, collector, tags);
                }
            }
        }
    }

    private static void AddValue(Summary.Types.Value value, Event e, string run, string fileName, long record, SeriesCollector collector,
        Dictionary<string, TagState> tags)
    {
        if (!tags.TryGetValue(value.Tag, out var state))
        {
            state = new TagState();
            tags.Add(value.Tag, state);
        }

        // TF2 writes a tag's metadata with its first value only: what it says holds for the tag's later values.
        if (value.Metadata?.PluginData is { } plugin)
        {
            state.Plugin = plugin.PluginName;
            if (plugin.PluginName == HParamsPlugin.PluginName)
            {
                AddHParams(plugin.Content, run, fileName, record, collector);
                return;
            }
        }

        double point;
        switch (value.ValueCase)
        {
            case Summary.Types.Value.ValueOneofCase.SimpleValue:
                point = value.SimpleValue;
                break;
            case Summary.Types.Value.ValueOneofCase.Tensor when state.Plugin is "" or "scalars":
                try
                {
                    if (!ScalarTensor.TryRead(value.Tensor, out point))
                    {
                        return;
                    }
                }
                catch (FormatException ex)
                {
                    throw RunFileRejectedException.AtRecord(RunFileProblem.MalformedSummary, fileName, record,
                        $"the scalar '{value.Tag}' cannot be read: {ex.Message}");
                }

                break;
            default:
                return;
        }

        state.Series ??= collector.For(run, value.Tag, withWallTimes: true);
        state.Series.Add(e.Step, point, e.WallTime);
    }

    private static void AddHParams(ByteString content, string run, string fileName, long record, SeriesCollector collector)
    {
        try
        {
            foreach (var (name, text) in HParamsPlugin.Read(content))
            {
                collector.AddHParam(run, name, text);
            }
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or DecoderFallbackException)
        {
            throw RunFileRejectedException.AtRecord(RunFileProblem.MalformedSummary, fileName, record,
                $"the hyperparameters (hparams plugin data) cannot be read ({ex.Message.TrimEnd('.')}).");
        }
    }

    /// <summary>What the file has said about one tag so far, and its series once it has a point.</summary>
    private sealed class TagState
    {
        public string Plugin { get; set; } = "";

        public SeriesBuilder? Series { get; set; }
    }
}
