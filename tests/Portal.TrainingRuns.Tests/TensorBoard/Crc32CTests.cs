using System.Text;
using Portal.TrainingRuns.TensorBoard;
using Portal.TrainingRuns.Tests.Fixtures;

namespace Portal.TrainingRuns.Tests.TensorBoard;

public sealed class Crc32CTests
{
    [Fact]
    public void Compute_CheckString_IsTheCastagnoliCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Masked_RandomLengths_EqualsTheBitwiseReference()
    {
        var random = new Random(5);
        for (var length = 0; length < 300; length += 7)
        {
            var data = new byte[length];
            random.NextBytes(data);

            Assert.Equal(TfEventsWriter.MaskedCrc(data), Crc32C.Masked(data));
        }
    }
}
