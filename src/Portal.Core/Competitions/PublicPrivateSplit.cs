using Portal.Core.Randomness;

namespace Portal.Core.Competitions;

/// <summary>
/// The public/private assignment of a hidden set: stratified by class and seeded, so the same
/// truth, fraction and seed give the same split on every run and platform, whatever the row order.
/// </summary>
public sealed class PublicPrivateSplit
{
    private readonly bool[] _isPublic;

    private PublicPrivateSplit(bool[] isPublic, double publicFraction, ulong seed)
    {
        _isPublic = isPublic;
        PublicFraction = publicFraction;
        Seed = seed;
        PublicPositions = Positions(true);
        PrivatePositions = Positions(false);
    }

    /// <summary>
    /// Draws the split: within each class, images are ordered by id (ordinal), shuffled with the
    /// class's own seeded stream, and the first round(n * fraction) go public.
    /// </summary>
    public static PublicPrivateSplit Create(IReadOnlyList<string> imageIds, ReadOnlySpan<byte> labels, int classCount, double publicFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(imageIds);
        if (imageIds.Count != labels.Length)
        {
            throw new ArgumentException("There must be one label per image id.", nameof(labels));
        }

        if (!(publicFraction >= 0 && publicFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(publicFraction), "The public fraction must be between 0 and 1.");
        }

        var byClass = new List<int>[classCount];
        for (var k = 0; k < classCount; k++)
        {
            byClass[k] = [];
        }

        for (var i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]].Add(i);
        }

        var isPublic = new bool[labels.Length];
        for (var k = 0; k < classCount; k++)
        {
            var members = byClass[k];
            members.Sort((x, y) => string.CompareOrdinal(imageIds[x], imageIds[y]));
            var rng = DeterministicRandom.ForStream(seed, (ulong)k);
            for (var i = members.Count - 1; i > 0; i--)
            {
                var j = rng.NextInt(i + 1);
                (members[i], members[j]) = (members[j], members[i]);
            }

            var take = (int)Math.Round(members.Count * publicFraction, MidpointRounding.AwayFromZero);
            for (var i = 0; i < take; i++)
            {
                isPublic[members[i]] = true;
            }
        }

        return new PublicPrivateSplit(isPublic, publicFraction, seed);
    }

    /// <summary>A split from a stored assignment (true = public), in hidden-set order.</summary>
    public static PublicPrivateSplit FromAssignment(bool[] isPublic, double publicFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(isPublic);
        return new PublicPrivateSplit((bool[])isPublic.Clone(), publicFraction, seed);
    }

    /// <summary>The fraction asked for.</summary>
    public double PublicFraction { get; }

    /// <summary>The seed used.</summary>
    public ulong Seed { get; }

    /// <summary>The number of images.</summary>
    public int Count => _isPublic.Length;

    /// <summary>Whether the image at <paramref name="position"/> is on the public board.</summary>
    public bool IsPublic(int position) => _isPublic[position];

    /// <summary>Positions of public images, ascending.</summary>
    public int[] PublicPositions { get; }

    /// <summary>Positions of private images, ascending.</summary>
    public int[] PrivatePositions { get; }

    private int[] Positions(bool wantPublic)
    {
        var list = new List<int>();
        for (var i = 0; i < _isPublic.Length; i++)
        {
            if (_isPublic[i] == wantPublic)
            {
                list.Add(i);
            }
        }

        return list.ToArray();
    }
}
