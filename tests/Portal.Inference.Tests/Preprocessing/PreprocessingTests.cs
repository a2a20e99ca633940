using Portal.Inference.Preprocessing;

namespace Portal.Inference.Tests.Preprocessing;

public sealed class PreprocessingTests
{
    private static readonly (byte, byte, byte)[,] TwoByTwo =
    {
        { (0, 128, 255), (10, 20, 30) },
        { (200, 100, 50), (255, 0, 1) },
    };

    [Fact]
    public void Normalise_TwoByTwoAtInputSize_EqualsHandComputedReference()
    {
        var png = TestImages.Png(2, 2, (x, y) => TwoByTwo[y, x]);
        var options = new PreprocessOptions { Width = 2, Height = 2 };

        var image = ImageLoader.Decode(png, options);
        var tensor = new float[12];
        new TensorWriter(options).Write(image, tensor);

        // (v / 255 - mean) / std per channel, planes R, G, B, pixels row by row.
        float[] mean = [0.548f, 0.504f, 0.479f];
        float[] std = [0.237f, 0.247f, 0.246f];
        byte[][] planes = [[0, 10, 200, 255], [128, 20, 100, 0], [255, 30, 50, 1]];
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < 4; i++)
            {
                var expected = ((planes[c][i] / 255f) - mean[c]) / std[c];
                Assert.Equal(expected, tensor[(c * 4) + i], 5);
            }
        }
    }

    [Fact]
    public void Normalise_Bgr_ReversesPlanesAndKeepsMeanPerColour()
    {
        var image = new PixelImage(1, 1, [10, 20, 30]);
        var options = new PreprocessOptions { Width = 1, Height = 1, Channels = ChannelOrder.Bgr, Mean = [0.1f, 0.2f, 0.3f], Std = [1f, 2f, 4f] };

        var tensor = new float[3];
        new TensorWriter(options).Write(image, tensor);

        Assert.Equal(((30 / 255f) - 0.3f) / 4f, tensor[0], 6);
        Assert.Equal(((20 / 255f) - 0.2f) / 2f, tensor[1], 6);
        Assert.Equal(((10 / 255f) - 0.1f) / 1f, tensor[2], 6);
    }

    [Fact]
    public void Resize_StretchWideImage_KeepsBothHalves()
    {
        // 4x2: left half red, right half blue. Stretched to 2x2, each output column is one half.
        var png = TestImages.Png(4, 2, (x, _) => x < 2 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255));

        var image = ImageLoader.Decode(png, new PreprocessOptions { Width = 2, Height = 2, Resize = ResizeMode.Stretch });

        Assert.Equal([255, 0, 0], image.At(0, 0).ToArray());
        Assert.Equal([0, 0, 255], image.At(1, 0).ToArray());
        Assert.Equal([0, 0, 255], image.At(1, 1).ToArray());
    }

    [Fact]
    public void Resize_CropWideImage_TakesTheCentreColumns()
    {
        // 6x2, column x has red 40x: a 2x2 crop at the same scale is columns 2 and 3.
        var png = TestImages.Png(6, 2, (x, _) => ((byte)(40 * x), (byte)7, (byte)9));

        var image = ImageLoader.Decode(png, new PreprocessOptions { Width = 2, Height = 2, Resize = ResizeMode.Crop });

        Assert.Equal([80, 7, 9], image.At(0, 0).ToArray());
        Assert.Equal([120, 7, 9], image.At(1, 1).ToArray());
    }

    [Theory]
    [InlineData(6, 2, 2, 2, 2, 0, 4, 2)]
    [InlineData(2, 6, 2, 2, 0, 2, 2, 4)]
    [InlineData(512, 384, 224, 224, 64, 0, 448, 384)]
    [InlineData(384, 512, 3, 4, 0, 0, 384, 512)]
    public void CenterCrop_KeepsTargetAspect_Centred(int sw, int sh, int w, int h, int left, int top, int right, int bottom)
    {
        var rect = ImageLoader.CenterCrop(sw, sh, w, h);

        Assert.Equal((left, top, right, bottom), (rect.Left, rect.Top, rect.Right, rect.Bottom));
    }

    [Fact]
    public void Decode_SemiTransparentPng_KeepsColoursAndDropsAlpha()
    {
        var png = TestImages.Png(2, 2, (_, _) => ((byte)200, (byte)100, (byte)50), alpha: 128);

        var image = ImageLoader.Decode(png, new PreprocessOptions { Width = 2, Height = 2 });

        Assert.Equal([200, 100, 50], image.At(1, 1).ToArray());
    }

    [Fact]
    public void Decode_GarbageBytes_ThrowsInvalidData()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ImageLoader.Decode([1, 2, 3, 4], new PreprocessOptions()));

        Assert.Contains("not an image", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_BadOptions_AreSentences()
    {
        var options = new PreprocessOptions { Width = 0, Std = [1f, 0f, 1f], Mean = [0f] };

        Assert.Equal(3, options.Problems().Count);
    }
}
