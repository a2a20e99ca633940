using Portal.Core.Submissions;

namespace Portal.Core.Tests.Submissions;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData(0L, "0 bytes")]
    [InlineData(1023L, "1023 bytes")]
    [InlineData(1536L, "1.5 KiB")]
    [InlineData(64L * 1024 * 1024, "64 MiB")]
    [InlineData(2L * 1024 * 1024 * 1024, "2 GiB")]
    [InlineData(355_467_264L * 21, "7 GiB")]
    public void Format_Bytes_ReadsInTheLargestWholeUnit(long bytes, string expected) =>
        Assert.Equal(expected, ByteSize.Format(bytes));
}
