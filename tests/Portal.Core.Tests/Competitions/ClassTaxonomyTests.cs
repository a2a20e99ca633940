using Portal.Core.Competitions;

namespace Portal.Core.Tests.Competitions;

public sealed class ClassTaxonomyTests
{
    [Fact]
    public void MaskGenderAge_EveryClass_DecomposesAsMaskTimesSixPlusGenderTimesThreePlusAge()
    {
        var taxonomy = ClassTaxonomy.MaskGenderAge;

        for (var c = 0; c < 18; c++)
        {
            int mask = taxonomy.ValueOf(0, c), gender = taxonomy.ValueOf(1, c), age = taxonomy.ValueOf(2, c);
            Assert.Equal(c, mask * 6 + gender * 3 + age);
            Assert.Equal(c, taxonomy.Compose([mask, gender, age]));
        }
    }

    [Fact]
    public void MaskGenderAge_Names_FollowTheAttributes()
    {
        var taxonomy = ClassTaxonomy.MaskGenderAge;

        Assert.Equal(["mask", "gender", "age"], taxonomy.Axes.Select(a => a.Name));
        Assert.Equal("Wear / Male / <30", taxonomy.ClassNames[0]);
        Assert.Equal("Incorrect / Female / 30-59", taxonomy.ClassNames[10]);
        Assert.Equal("Not wear / Female / >=60", taxonomy.ClassNames[17]);
    }

    [Fact]
    public void Constructor_AxesThatDoNotMultiplyToClassCount_Throws()
    {
        var axes = new[] { new AttributeAxis("a", ["x", "y"]), new AttributeAxis("b", ["x", "y"]) };

        Assert.Throws<ArgumentException>(() => new ClassTaxonomy(["0", "1", "2"], axes));
    }

    [Fact]
    public void Plain_NamesClassesByIndexWithoutAxes()
    {
        var taxonomy = ClassTaxonomy.Plain(4);

        Assert.Equal(["0", "1", "2", "3"], taxonomy.ClassNames);
        Assert.Empty(taxonomy.Axes);
    }
}
