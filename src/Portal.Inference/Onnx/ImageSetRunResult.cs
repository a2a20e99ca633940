using System.Globalization;
using Portal.Core.Competitions;
using Portal.Inference.Tta;

namespace Portal.Inference.Onnx;

/// <summary>
/// The probabilities of a model run over an image set: each view's own (kept, so the gain of TTA can be shown)
/// and the merged ones, all row-major <c>[images, classes]</c> in the order the images were given.
/// </summary>
public sealed record ImageSetRunResult(IReadOnlyList<TtaView> Views, IReadOnlyList<float[]> PerView, float[] Merged, int Classes)
{
    /// <summary>The number of images (rows of <see cref="Merged"/>).</summary>
    public int Images => Classes == 0 ? 0 : Merged.Length / Classes;

    /// <summary>
    /// Runs of single-head models (one per attribute head, in <paramref name="heads"/>' order, over the same images and
    /// views) as one run of the classes: each view's and the merged probabilities combined by the product of the heads'
    /// probabilities (<see cref="AttributeHeads.Combine(IReadOnlyList{float[]}, int)"/>). The web's model runs and
    /// <c>portal infer --mask --gender --age</c> both combine here.
    /// </summary>
    /// <exception cref="ArgumentException">Not one run per head, a run of another width than its head, or runs over other images or views.</exception>
    public static ImageSetRunResult CombineHeads(AttributeHeads heads, IReadOnlyList<ImageSetRunResult> byHead)
    {
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentNullException.ThrowIfNull(byHead);
        if (byHead.Count != heads.Sizes.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected one run per head ({heads.Sizes.Count}), got {byHead.Count}."), nameof(byHead));
        }

        var first = byHead[0];
        for (var a = 0; a < byHead.Count; a++)
        {
            var run = byHead[a];
            if (run.Classes != heads.Sizes[a] || run.Images != first.Images || run.Views.Count != first.Views.Count)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The run of head {heads.Names[a]} has {run.Classes} values, {run.Images} images and {run.Views.Count} views; expected {heads.Sizes[a]}, {first.Images} and {first.Views.Count}."),
                    nameof(byHead));
            }
        }

        var images = first.Images;
        var perView = first.Views.Select((_, v) => heads.Combine(byHead.Select(r => r.PerView[v]).ToArray(), images)).ToList();
        var merged = heads.Combine(byHead.Select(r => r.Merged).ToArray(), images);
        return new ImageSetRunResult(first.Views, perView, merged, heads.Classes);
    }
}
