using System.Buffers;
using System.Text.Unicode;

namespace Portal.Core.Submissions;

/// <summary>
/// The image ids of a hidden set in their stored order, with an exact (ordinal, case-sensitive)
/// lookup from id to position that also takes UTF-8 bytes straight from a CSV field.
/// </summary>
public sealed class ImageIndex
{
    private const int StackLimit = 256;
    private readonly string[] _ids;
    private readonly Dictionary<string, int> _positions;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly int _maxLength;

    /// <summary>Indexes <paramref name="ids"/>; they must be distinct and non-empty.</summary>
    public ImageIndex(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _ids = ids.ToArray();
        _positions = new Dictionary<string, int>(_ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < _ids.Length; i++)
        {
            if (string.IsNullOrEmpty(_ids[i]))
            {
                throw new ArgumentException($"Image id at position {i} is empty.", nameof(ids));
            }

            if (!_positions.TryAdd(_ids[i], i))
            {
                throw new ArgumentException($"Image id '{_ids[i]}' occurs twice.", nameof(ids));
            }

            _maxLength = Math.Max(_maxLength, _ids[i].Length);
        }

        _spanLookup = _positions.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of images.</summary>
    public int Count => _ids.Length;

    /// <summary>The ids in stored order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The id at <paramref name="position"/>.</summary>
    public string this[int position] => _ids[position];

    /// <summary>The position of <paramref name="id"/>, matched exactly.</summary>
    public bool TryGetPosition(ReadOnlySpan<char> id, out int position) => _spanLookup.TryGetValue(id, out position);

    /// <summary>
    /// The position of an id given as UTF-8 bytes. Returns <see cref="OperationStatus.InvalidData"/>
    /// when the bytes are not valid UTF-8, <see cref="OperationStatus.Done"/> when the id was found.
    /// </summary>
    public OperationStatus TryGetPositionUtf8(ReadOnlySpan<byte> utf8, out int position)
    {
        position = -1;

        // A UTF-8 id never has fewer bytes than chars; anything longer than the longest id cannot match.
        if (utf8.Length > _maxLength * 3)
        {
            return Utf8.IsValid(utf8) ? OperationStatus.NeedMoreData : OperationStatus.InvalidData;
        }

        char[]? rented = null;
        var chars = utf8.Length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            var status = Utf8.ToUtf16(utf8, chars, out _, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                return OperationStatus.InvalidData;
            }

            return _spanLookup.TryGetValue(chars[..written], out position) ? OperationStatus.Done : OperationStatus.NeedMoreData;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
