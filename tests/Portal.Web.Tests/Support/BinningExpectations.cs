using Portal.Inference.Preprocessing;
using Portal.Web.Tests.Support.Onnx;

namespace Portal.Web.Tests.Support;

/// <summary>
/// What <see cref="TinyModels.Binning"/> models predict on a <see cref="ScenarioBuilder"/> hidden set, whose image i is
/// one colour made from i: computed here from the colours, so a run that read the wrong images or pixels shows.
/// </summary>
internal static class BinningExpectations
{
    /// <summary>The colour channel <paramref name="channel"/> of test image <paramref name="i"/> (ScenarioBuilder's tiny PNGs), normalised with the defaults.</summary>
    public static double Normalised(int i, int channel)
    {
        var value = channel switch
        {
            0 => (byte)i,
            1 => (byte)(i * 3),
            _ => (byte)(i * 7),
        };
        return (value / 255.0 - PreprocessOptions.DefaultMean[channel]) / PreprocessOptions.DefaultStd[channel];
    }

    /// <summary>The label of each image: the most probable class of <paramref name="probabilities"/> of its index.</summary>
    public static byte[] ExpectedLabels(Scenario scenario, Func<int, double[]> probabilities) =>
        Enumerable.Range(0, scenario.ImageIds.Count).Select(i =>
        {
            var p = probabilities(i);
            return (byte)Array.IndexOf(p, p.Max());
        }).ToArray();

    /// <summary>Logits to probabilities.</summary>
    public static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
