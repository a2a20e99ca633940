using System.Text;
using Portal.Core.Submissions;

namespace Portal.Core.Tests.Submissions;

public sealed class ClassIndexTextTests
{
    [Theory]
    [InlineData("6", 6)]
    [InlineData("6.0", 6)]
    [InlineData("6.00", 6)]
    [InlineData("6e0", 6)]
    [InlineData("6E0", 6)]
    [InlineData("6.", 6)]
    [InlineData("6.0e+0", 6)]
    [InlineData("0.6e1", 6)]
    [InlineData("60e-1", 6)]
    [InlineData("1.7e1", 17)]
    [InlineData("+6", 6)]
    [InlineData("06", 6)]
    [InlineData("0", 0)]
    [InlineData("0.0", 0)]
    [InlineData(".0", 0)]
    [InlineData("-0.0", 0)]
    [InlineData("-1", -1)]
    [InlineData("-1.0", -1)]
    [InlineData("1e3", 1000)]
    public void Parse_WholeNumber_ReturnsItsValue(string text, long expected)
    {
        var syntax = ClassIndexText.Parse(Encoding.ASCII.GetBytes(text), out var value);

        Assert.Equal(ClassIndexSyntax.Whole, syntax);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("6.5")]
    [InlineData("6.01")]
    [InlineData("0.5")]
    [InlineData("65e-1")]
    [InlineData("6.0000000000000001")]
    [InlineData("1e-400")]
    public void Parse_NumberWithAFraction_ReturnsFraction(string text)
    {
        Assert.Equal(ClassIndexSyntax.Fraction, ClassIndexText.Parse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("3a")]
    [InlineData(".")]
    [InlineData("6.0.0")]
    [InlineData("e5")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("Infinity")]
    [InlineData("0x6")]
    [InlineData("6 0")]
    [InlineData("--6")]
    public void Parse_NotANumber_ReturnsNotANumber(string text)
    {
        Assert.Equal(ClassIndexSyntax.NotANumber, ClassIndexText.Parse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("99999999999999999999999")]
    [InlineData("1e400")]
    [InlineData("1.0e1000000000000")]
    public void Parse_HugeWholeNumber_IsClampedNotOverflowed(string text)
    {
        var syntax = ClassIndexText.Parse(Encoding.ASCII.GetBytes(text), out var value);

        Assert.Equal(ClassIndexSyntax.Whole, syntax);
        Assert.True(value >= 1_000_000_000_000_000_000);
    }
}
