using System.Text;
using Portal.Core.Submissions;

namespace Portal.Core.Tests.Submissions;

public sealed class ImageFileNameTests
{
    [Theory]
    [InlineData("../portal.db")]
    [InlineData("..")]
    [InlineData("images/a.jpg")]
    [InlineData("a\\b.jpg")]
    [InlineData("/etc/passwd")]
    [InlineData("c:a.jpg")]
    public void Read_TruthIdThatIsAPath_RefusedWithItsLine(string id)
    {
        var csv = $"ImageID,ans\nok.jpg,1\n\"{id}\",2\n";

        var result = TruthCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), 18);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(ProblemCode.ImageIdNotAFileName, problem.Code);
        Assert.Equal(3, problem.Line);
        Assert.Contains("not a plain file name", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14b0ef71e33fe996c60d7c76780504ed508ed42b.jpeg", true)]
    [InlineData("mask1.jpg", true)]
    [InlineData(".hidden.png", true)]
    [InlineData("..", false)]
    [InlineData("", false)]
    public void IsPlain_Names_AsExpected(string id, bool plain) => Assert.Equal(plain, ImageFileName.IsPlain(id));

    [Theory]
    [InlineData("14b0ef71e33fe996c60d7c76780504ed508ed42b.jpeg")]
    [InlineData(".hidden.png")]
    [InlineData("...")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("a/b.jpg")]
    [InlineData("a\\b.jpg")]
    [InlineData("c:a.jpg")]
    [InlineData("nul\0.jpg")]
    [InlineData("猫/.png")]
    [InlineData("猫.png")]
    public void IsPlain_Utf8_SameAsText(string id) =>
        Assert.Equal(ImageFileName.IsPlain(id), ImageFileName.IsPlain(Encoding.UTF8.GetBytes(id)));
}
