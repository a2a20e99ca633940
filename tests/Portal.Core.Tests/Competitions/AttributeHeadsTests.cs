using Portal.Core.Competitions;

namespace Portal.Core.Tests.Competitions;

public sealed class AttributeHeadsTests
{
    [Fact]
    public void Of_MaskGenderAge_HasTheAxisSizesInOrder()
    {
        // Act
        var heads = AttributeHeads.Of(ClassTaxonomy.MaskGenderAge)!;

        // Assert
        Assert.Equal([3, 2, 3], heads.Sizes);
        Assert.Equal(18, heads.Classes);
        Assert.Equal("[N,3], [N,2], [N,3]", heads.ShapeText);
    }

    [Fact]
    public void Of_TaxonomyWithoutAxes_IsNull()
    {
        // Act / Assert
        Assert.Null(AttributeHeads.Of(ClassTaxonomy.Plain(18)));
    }

    [Fact]
    public void Combine_DistributionHeads_GivesTheProductAtMaskTimesSixPlusGenderTimesThreePlusAge()
    {
        // Arrange
        var heads = AttributeHeads.Of(ClassTaxonomy.MaskGenderAge)!;
        float[] mask = [0.5f, 0.3f, 0.2f];
        float[] gender = [0.6f, 0.4f];
        float[] age = [0.1f, 0.2f, 0.7f];

        // Act
        var combined = heads.Combine([mask, gender, age], images: 1);

        // Assert: hand-computed products.
        Assert.Equal(18, combined.Length);
        Assert.Equal(0.5 * 0.6 * 0.1, combined[0], 6);    // wear, male, <30
        Assert.Equal(0.5 * 0.4 * 0.7, combined[5], 6);    // wear, female, >=60
        Assert.Equal(0.3 * 0.4 * 0.2, combined[10], 6);   // incorrect, female, 30-59
        Assert.Equal(0.2 * 0.6 * 0.1, combined[12], 6);   // not wear, male, <30
        Assert.Equal(0.2 * 0.4 * 0.7, combined[17], 6);   // not wear, female, >=60
        Assert.Equal(1.0, combined.Sum(), 5);
        Assert.Equal([0.5f, 0.3f, 0.2f], mask);
    }

    [Fact]
    public void Combine_LogitHeads_AreSoftmaxedEachOnItsOwn()
    {
        // Arrange: softmax(0, ln 3) = (0.25, 0.75); softmax(0, 0, 0) = 1/3 each; age is already a distribution.
        var heads = AttributeHeads.Of(ClassTaxonomy.MaskGenderAge)!;
        float[] mask = [0f, 0f, 0f];
        float[] gender = [0f, MathF.Log(3)];
        float[] age = [0.1f, 0.2f, 0.7f];

        // Act
        var combined = heads.Combine([mask, gender, age], images: 1);

        // Assert
        Assert.Equal(1.0 / 3 * 0.25 * 0.7, combined[2], 6);   // wear, male, >=60
        Assert.Equal(1.0 / 3 * 0.75 * 0.2, combined[16], 6);  // not wear, female, 30-59
        Assert.Equal(1.0, combined.Sum(), 5);
    }

    [Fact]
    public void Combine_TwoImages_EachRowFromItsOwnHeadRows()
    {
        // Arrange
        var heads = new AttributeHeads([2, 2]);
        float[] first = [1f, 0f, 0.25f, 0.75f];
        float[] second = [0.5f, 0.5f, 0f, 1f];

        // Act
        var combined = heads.Combine([first, second], images: 2);

        // Assert: image 0 = (1,0) x (0.5,0.5); image 1 = (0.25,0.75) x (0,1).
        Assert.Equal([0.5f, 0.5f, 0f, 0f, 0f, 0.25f, 0f, 0.75f], combined);
    }

    [Fact]
    public void Combine_WrongNumberOfHeads_Throws()
    {
        // Arrange
        var heads = AttributeHeads.Of(ClassTaxonomy.MaskGenderAge)!;

        // Act / Assert
        Assert.Throws<ArgumentException>(() => heads.Combine([new float[3], new float[2]], images: 1));
    }
}
