using Portal.Core.Competitions;

namespace Portal.Core.Tests.Competitions;

public sealed class ClassLabelTests
{
    [Fact]
    public void Describe_NamedClass_GivesNameAndIndex()
    {
        // Act
        var text = ClassLabel.Describe(ClassTaxonomy.MaskGenderAge.ClassNames, 10);

        // Assert
        Assert.Equal("Incorrect / Female / 30-59 (class 10)", text);
    }

    [Fact]
    public void Describe_ClassNamedByItsIndex_GivesTheIndexOnce()
    {
        // Act
        var text = ClassLabel.Describe(ClassTaxonomy.Plain(5).ClassNames, 3);

        // Assert
        Assert.Equal("class 3", text);
    }

    [Fact]
    public void Describe_IndexOutOfRange_Throws()
    {
        // Act + Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassLabel.Describe(["a", "b"], 2));
    }
}
