using System.Buffers.Binary;
using Portal.TrainingRuns.TensorBoard;
using Portal.TrainingRuns.Tests.Fixtures;
using Portal.TrainingRuns.Tests.Support;

namespace Portal.TrainingRuns.Tests.TensorBoard;

public sealed class TfEventsReaderTests
{
    private const string Name = "events.out.tfevents.1764547200.trainer";

    [Theory]
    [InlineData(ScalarForm.SimpleValue)]
    [InlineData(ScalarForm.TensorFloatVal)]
    [InlineData(ScalarForm.TensorDoubleVal)]
    [InlineData(ScalarForm.TensorFloatContent)]
    [InlineData(ScalarForm.TensorDoubleContent)]
    public void Read_EachScalarForm_ReturnsExactlyTheWrittenPoints(ScalarForm form)
    {
        var expected = new ExpectedSeries(".", "val/f1", [], [], []);
        var bytes = Write(w =>
        {
            w.FileVersion(1000);
            for (var i = 0; i < 50; i++)
            {
                var value = Math.Sin(i) / 3;
                w.Scalar("val/f1", i * 7L, 1000 + i * 0.25, value, form, withMetadata: i == 0);
                expected.Steps.Add(i * 7L);
                expected.Values.Add(form is ScalarForm.SimpleValue or ScalarForm.TensorFloatVal or ScalarForm.TensorFloatContent ? (float)value : value);
                expected.WallTimes.Add(1000 + i * 0.25);
            }
        });

        var set = TfEventsReader.Read(new MemoryStream(bytes), Name);

        SeriesAssert.Equal(expected, set);
        Assert.Equal(1, set.Files);
    }

    [Fact]
    public void Read_HistogramsAndFileVersionOnly_NoSeries()
    {
        var bytes = Write(w => w.FileVersion(1).Histogram("weights", 1, 2).Histogram("weights", 2, 3));

        var set = TfEventsReader.Read(new MemoryStream(bytes), Name);

        Assert.Empty(set.Series);
    }

    [Fact]
    public void Read_EmptyFile_NoSeries()
    {
        Assert.Empty(TfEventsReader.Read(new MemoryStream(), Name).Series);
    }

    [Fact]
    public void Read_HParamsPlugin_NamesAndValuesOfTheRun()
    {
        var bytes = Write(w => w.FileVersion(1).HParams([new("lr", 0.0003), new("optimizer", "adamw"), new("mixup", false), new("epochs", 30)], 1));

        var set = TfEventsReader.Read(new MemoryStream(bytes), Name);

        var hparams = set.HParams["."];
        Assert.Equal(new Dictionary<string, string> { ["epochs"] = "30", ["lr"] = "0.0003", ["mixup"] = "false", ["optimizer"] = "adamw" }, hparams);
        Assert.Empty(set.Series);
    }

    [Fact]
    public void Read_DataChecksumWrong_RefusedAtThatRecord()
    {
        var bytes = Write(w => w.FileVersion(1).Scalar("loss", 1, 2, 0.5, ScalarForm.SimpleValue).Scalar("loss", 2, 3, 0.4, ScalarForm.SimpleValue));
        var second = RecordOffsets(bytes)[1];
        bytes[second + 14] ^= 0x01;

        var e = Assert.Throws<RunFileRejectedException>(() => TfEventsReader.Read(new MemoryStream(bytes), Name));

        Assert.Equal((RunFileProblem.DataChecksumMismatch, 2L, Name), (e.Problem, e.Record, e.FileName));
        Assert.StartsWith($"{Name}, record 2: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LengthChecksumWrong_RefusedAtThatRecord()
    {
        var bytes = Write(w => w.FileVersion(1).Scalar("loss", 1, 2, 0.5, ScalarForm.SimpleValue).Scalar("loss", 2, 3, 0.4, ScalarForm.SimpleValue));
        var third = RecordOffsets(bytes)[2];
        bytes[third + 9] ^= 0x80;

        var e = Assert.Throws<RunFileRejectedException>(() => TfEventsReader.Read(new MemoryStream(bytes), Name));

        Assert.Equal((RunFileProblem.LengthChecksumMismatch, 3L), (e.Problem, e.Record));
    }

    [Fact]
    public void Read_NotAnEventFileAtAll_RefusedAsNotTfRecord()
    {
        var text = "step,loss\n1,0.5\n2,0.4\n"u8.ToArray();

        var e = Assert.Throws<RunFileRejectedException>(() => TfEventsReader.Read(new MemoryStream(text), Name));

        Assert.Equal((RunFileProblem.NotTfRecord, 1L), (e.Problem, e.Record));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(20)]
    [InlineData(1)]
    public void Read_CutInsideTheLastRecord_RefusedAsTruncatedAtThatRecord(int bytesOfLastRecordKept)
    {
        var bytes = Write(w => w.FileVersion(1).Scalar("loss", 1, 2, 0.5, ScalarForm.SimpleValue).Scalar("loss", 2, 3, 0.4, ScalarForm.TensorDoubleContent));
        var last = RecordOffsets(bytes)[2];

        var e = Assert.Throws<RunFileRejectedException>(() => TfEventsReader.Read(new MemoryStream(bytes[..(last + bytesOfLastRecordKept)]), Name));

        Assert.Equal((RunFileProblem.TruncatedRecord, 3L), (e.Problem, e.Record));
    }

    [Fact]
    public void Read_FramedBytesThatAreNotAnEvent_RefusedAsNotAnEvent()
    {
        using var stream = new MemoryStream();
        new TfEventsWriter(stream).FileVersion(1).Record([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

        var e = Assert.Throws<RunFileRejectedException>(() => TfEventsReader.Read(new MemoryStream(stream.ToArray()), Name));

        Assert.Equal((RunFileProblem.NotAnEvent, 2L), (e.Problem, e.Record));
    }

    [Fact]
    public void Read_ScalarTensorWithWrongContentLength_RefusedAsMalformedSummary()
    {
        var tensor = new ProtoBytes().Varint(1, 1).Message(2, new ProtoBytes()).Bytes(4, [1, 2, 3]);
        var value = new ProtoBytes().String(1, "val/f1").Message(8, tensor);
        var data = new ProtoBytes().Double(1, 5).Varint(2, 3).Message(5, new ProtoBytes().Message(1, value)).ToArray();
        using var stream = new MemoryStream();
        new TfEventsWriter(stream).FileVersion(1).Record(data);

        var e = Assert.Throws<RunFileRejectedException>(() => TfEventsReader.Read(new MemoryStream(stream.ToArray()), Name));

        Assert.Equal((RunFileProblem.MalformedSummary, 2L), (e.Problem, e.Record));
        Assert.Contains("'val/f1'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RecordOverTheLimit_RefusedBeforeItsDataIsRead()
    {
        var bytes = Write(w => w.FileVersion(1).Record(new byte[5000]));

        var e = Assert.Throws<RunFileRejectedException>(() =>
            TfEventsReader.Read(new MemoryStream(bytes), Name, new TrainingRunReadOptions { MaxRecordBytes = 4096 }));

        Assert.Equal((RunFileProblem.RecordTooLarge, 2L), (e.Problem, e.Record));
    }

    [Fact]
    public void Read_SeekableFileOverTheLimit_RefusedWithoutReading()
    {
        var bytes = Write(w => w.FileVersion(1).Scalar("loss", 1, 2, 0.5, ScalarForm.SimpleValue));

        var e = Assert.Throws<RunFileRejectedException>(() =>
            TfEventsReader.Read(new MemoryStream(bytes), Name, new TrainingRunReadOptions { MaxFileBytes = 40 }));

        Assert.Equal(RunFileProblem.FileTooLarge, e.Problem);
        Assert.Contains("more than the limit of 40 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UploadStreamOverTheLimit_RefusedWhenTheLimitIsPassed()
    {
        var bytes = Write(w => w.FileVersion(1).Scalar("loss", 1, 2, 0.5, ScalarForm.SimpleValue));

        var e = Assert.Throws<RunFileRejectedException>(() =>
            TfEventsReader.Read(new ForwardOnlyStream(bytes), Name, new TrainingRunReadOptions { MaxFileBytes = 40 }));

        Assert.Equal(RunFileProblem.FileTooLarge, e.Problem);
    }

    internal static byte[] Write(Action<TfEventsWriter> write)
    {
        var stream = new MemoryStream();
        write(new TfEventsWriter(stream));
        return stream.ToArray();
    }

    /// <summary>Where each record of a well-formed file starts.</summary>
    internal static List<int> RecordOffsets(byte[] bytes)
    {
        var offsets = new List<int>();
        for (var at = 0; at < bytes.Length; at += 16 + (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at)))
        {
            offsets.Add(at);
        }

        return offsets;
    }
}
