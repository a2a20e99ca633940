namespace Portal.Core.Trust;

/// <summary>
/// Images grouped by a pair of classes: for a submission, its mistakes by (true class, predicted class); for the
/// truth, every image by its class (both classes the same). Positions ascend within a group.
/// </summary>
/// <remarks>
/// Summing the weights of a group's images into a register and adding the sum to the counts once per group is
/// what makes counting cheap: a submission's 4,000 mistakes fall into at most C (C - 1) groups.
/// </remarks>
internal sealed class ImageGroups
{
    private readonly int[] _images;
    private readonly Group[] _groups;

    private ImageGroups(int[] images, Group[] groups)
    {
        _images = images;
        _groups = groups;
    }

    /// <summary>The number of images in all groups.</summary>
    public int Count => _images.Length;

    /// <summary>The groups, in (row, column) order.</summary>
    public ReadOnlySpan<Group> Groups => _groups;

    /// <summary>The positions of the images of <paramref name="group"/>, ascending.</summary>
    public ReadOnlySpan<int> ImagesOf(Group group) => _images.AsSpan(group.Start, group.Count);

    /// <summary>The number of images per row class (length <paramref name="classCount"/>).</summary>
    public int[] RowTotals(int classCount)
    {
        var totals = new int[classCount];
        foreach (var group in _groups)
        {
            totals[group.Row] += group.Count;
        }

        return totals;
    }

    /// <summary>The number of images per column class (length <paramref name="classCount"/>).</summary>
    public int[] ColumnTotals(int classCount)
    {
        var totals = new int[classCount];
        foreach (var group in _groups)
        {
            totals[group.Column] += group.Count;
        }

        return totals;
    }

    /// <summary>Every image by its class in <paramref name="labels"/>.</summary>
    public static ImageGroups ByClass(ReadOnlySpan<byte> labels, int classCount) => Build(labels, labels, classCount, skipAgreeing: false);

    /// <summary>The images where <paramref name="predicted"/> differs from <paramref name="truth"/>, by (truth, predicted).</summary>
    public static ImageGroups Mistakes(ReadOnlySpan<byte> truth, ReadOnlySpan<byte> predicted, int classCount) =>
        Build(truth, predicted, classCount, skipAgreeing: true);

    private static ImageGroups Build(ReadOnlySpan<byte> rows, ReadOnlySpan<byte> columns, int classCount, bool skipAgreeing)
    {
        // A counting sort by cell: stable, so positions ascend within each group.
        var counts = new int[classCount * classCount + 1];
        for (var i = 0; i < rows.Length; i++)
        {
            if (!(skipAgreeing && rows[i] == columns[i]))
            {
                counts[rows[i] * classCount + columns[i] + 1]++;
            }
        }

        var groups = new List<Group>();
        for (var cell = 0; cell < classCount * classCount; cell++)
        {
            var size = counts[cell + 1];
            counts[cell + 1] += counts[cell];
            if (size > 0)
            {
                groups.Add(new Group((byte)(cell / classCount), (byte)(cell % classCount), counts[cell], size));
            }
        }

        var images = new int[counts[^1]];
        for (var i = 0; i < rows.Length; i++)
        {
            if (!(skipAgreeing && rows[i] == columns[i]))
            {
                images[counts[rows[i] * classCount + columns[i]]++] = i;
            }
        }

        return new ImageGroups(images, groups.ToArray());
    }

    /// <summary>The images of cell (<paramref name="Row"/>, <paramref name="Column"/>): <paramref name="Count"/> positions from <paramref name="Start"/>.</summary>
    internal readonly record struct Group(byte Row, byte Column, int Start, int Count);
}
