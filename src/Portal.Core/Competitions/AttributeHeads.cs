using System.Globalization;
using Portal.Core.Scoring;

namespace Portal.Core.Competitions;

/// <summary>
/// A model built as one head per attribute axis (for the mask task: mask 3, gender 2, age 3, in the competition's axis
/// order) combined into the competition's classes: the probability of a class is the product of its attribute values'
/// probabilities, <c>p(c) = p_mask(m) * p_gender(g) * p_age(a)</c> with <c>c = m*6 + g*3 + a</c> (the
/// <see cref="ClassTaxonomy"/>'s mixed-radix order). Each head is softmaxed first unless its rows already are
/// distributions, so heads ending in logits and heads ending in a softmax combine alike.
/// </summary>
public sealed class AttributeHeads
{
    private readonly int[] _sizes;
    private readonly string[] _names;
    private readonly int[] _strides;

    /// <summary>
    /// Heads of <paramref name="sizes"/> values each, the first most significant in the class index, named
    /// <paramref name="names"/> (the axes' names; "head 1", "head 2", ... when null).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two heads, a head of fewer than two values, or not one name per head.</exception>
    public AttributeHeads(IReadOnlyList<int> sizes, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        if (sizes.Count < 2 || sizes.Any(s => s < 2))
        {
            throw new ArgumentException("Attribute heads need at least two heads of at least two values each.", nameof(sizes));
        }

        if (names is not null && names.Count != sizes.Count)
        {
            throw new ArgumentException("Give one name per head.", nameof(names));
        }

        _sizes = sizes.ToArray();
        _names = names?.ToArray() ?? Enumerable.Range(1, _sizes.Length).Select(i => string.Create(CultureInfo.InvariantCulture, $"head {i}")).ToArray();
        _strides = new int[_sizes.Length];
        var stride = 1;
        for (var a = _sizes.Length - 1; a >= 0; a--)
        {
            _strides[a] = stride;
            stride *= _sizes[a];
        }

        Classes = stride;
    }

    /// <summary>The heads of <paramref name="taxonomy"/>'s axes, or null when its classes have no axes.</summary>
    public static AttributeHeads? Of(ClassTaxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        return taxonomy.Axes.Count < 2 ? null : new AttributeHeads(taxonomy.Axes.Select(a => a.Size).ToArray(), taxonomy.Axes.Select(a => a.Name).ToArray());
    }

    /// <summary>The number of values of each head, in axis order.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>The heads' names (the axes'), in axis order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The index of the head named <paramref name="name"/> (case-insensitive), or -1.</summary>
    public int IndexOf(string name) => Array.FindIndex(_names, n => string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>"mask [N,3], gender [N,2], age [N,3]": the heads in order, for a sentence.</summary>
    public string Describe() => string.Join(", ", _names.Select((n, a) => string.Create(CultureInfo.InvariantCulture, $"{n} [N,{_sizes[a]}]")));

    /// <summary>The number of classes the heads combine into (the product of <see cref="Sizes"/>).</summary>
    public int Classes { get; }

    /// <summary>"[N,3], [N,2], [N,3]": the heads' output shapes, for a sentence.</summary>
    public string ShapeText => string.Join(", ", _sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"[N,{s}]")));

    /// <summary>
    /// Combines the first <paramref name="images"/> rows of each head (<paramref name="heads"/>[a] row-major
    /// <c>[images, Sizes[a]]</c>, logits or probabilities) into class probabilities, row-major <c>[images, Classes]</c>
    /// in <paramref name="destination"/>. Each head is made probabilities in place first.
    /// </summary>
    /// <exception cref="ArgumentException">The number of heads or a head's length does not fit.</exception>
    public void Combine(IReadOnlyList<float[]> heads, int images, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentOutOfRangeException.ThrowIfNegative(images);
        if (heads.Count != _sizes.Length)
        {
            throw new ArgumentException($"Expected {_sizes.Length} heads, got {heads.Count}.", nameof(heads));
        }

        if (destination.Length < images * Classes)
        {
            throw new ArgumentException("The destination is shorter than images x classes.", nameof(destination));
        }

        for (var a = 0; a < _sizes.Length; a++)
        {
            if (heads[a].Length < images * _sizes[a])
            {
                throw new ArgumentException($"Head {a} has fewer than {images} rows of {_sizes[a]} values.", nameof(heads));
            }

            ScoreRows.ToProbabilities(heads[a].AsSpan(0, images * _sizes[a]), _sizes[a]);
        }

        for (var i = 0; i < images; i++)
        {
            var row = destination.Slice(i * Classes, Classes);
            for (var c = 0; c < Classes; c++)
            {
                double p = 1;
                for (var a = 0; a < _sizes.Length; a++)
                {
                    p *= heads[a][i * _sizes[a] + c / _strides[a] % _sizes[a]];
                }

                row[c] = (float)p;
            }
        }
    }

    /// <summary>As <see cref="Combine(IReadOnlyList{float[]}, int, Span{float})"/>, into a new array.</summary>
    public float[] Combine(IReadOnlyList<float[]> heads, int images)
    {
        var combined = new float[images * Classes];
        Combine(heads, images, combined);
        return combined;
    }
}
