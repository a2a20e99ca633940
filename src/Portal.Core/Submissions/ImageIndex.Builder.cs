using System.Numerics;

namespace Portal.Core.Submissions;

public sealed partial class ImageIndex
{
    /// <summary>
    /// Builds an index one UTF-8 id at a time, finding duplicates as they come, so a reader goes from a CSV's
    /// bytes to the finished index in one pass, with no string per id and no second table.
    /// </summary>
    internal sealed class Builder
    {
        private const int MinTableCapacity = 16;

        /// <summary>
        /// Starts empty, with room for about <paramref name="expectedCount"/> ids of <paramref name="expectedBytes"/>
        /// bytes together (48 each when not given) before anything grows.
        /// </summary>
        public Builder(int expectedCount = 0, long expectedBytes = -1)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
            Offsets = new int[Math.Max(expectedCount, 15) + 1];
            Utf8 = new byte[Math.Clamp(expectedBytes >= 0 ? expectedBytes : expectedCount * 48L, 256, Array.MaxLength)];
            Table = new Entry[TableCapacity(expectedCount)];
            Mask = Table.Length - 1;
        }

        public byte[] Utf8 { get; private set; }

        public int[] Offsets { get; private set; }

        public Entry[] Table { get; private set; }

        public int Mask { get; private set; }

        /// <summary>The number of ids added; the next one added gets this position.</summary>
        public int Count { get; private set; }

        public int MaxByteLength { get; private set; }

        /// <summary>
        /// Adds <paramref name="id"/> (non-empty UTF-8) at position <see cref="Count"/>; when an equal id was added
        /// before, adds nothing and gives that one's position in <paramref name="existing"/>.
        /// </summary>
        public bool TryAdd(ReadOnlySpan<byte> id, out int existing)
        {
            if ((long)(Count + 1) * 2 > Table.Length)
            {
                Rehash(TableCapacity(Count + 1));
            }

            var position = Add(id, Hash(id));
            existing = position < 0 ? ~position : -1;
            return position >= 0;
        }

        /// <summary>
        /// Adds a batch of ids (each a range of <paramref name="bytes"/>) in order, as <see cref="TryAdd"/> would one by
        /// one: <paramref name="positions"/> gets each one's new position, or the complement (<c>~position</c>, negative)
        /// of the position of the equal id added before. As in <see cref="ImageIndex.FindMany"/>, every table entry of the batch is
        /// touched before any is used, so the processor fetches them side by side rather than one miss after another.
        /// </summary>
        public void AddMany(ReadOnlySpan<byte> bytes, ReadOnlySpan<Range> ids, Span<int> positions)
        {
            if ((long)(Count + ids.Length) * 2 > Table.Length)
            {
                Rehash(TableCapacity(Count + ids.Length));
            }

            Span<ulong> hashes = stackalloc ulong[ids.Length];
            _touched = HashAndTouch(bytes, ids, hashes, Table, Mask);
            for (var i = 0; i < ids.Length; i++)
            {
                positions[i] = Add(bytes[ids[i]], hashes[i]);
            }
        }

        // Keeps the touching loads above from being optimised away.
        private uint _touched;

        /// <summary>The new position of <paramref name="id"/>, or <c>~position</c> of the equal id added before; the table has room.</summary>
        private int Add(ReadOnlySpan<byte> id, ulong hash)
        {
            if (id.IsEmpty)
            {
                throw new ArgumentException("An image id is empty.", nameof(id));
            }

            var fingerprint = (uint)(hash >> 32);
            var table = Table;
            var slot = (int)hash & Mask;
            while (table[slot].Length != 0)
            {
                ref readonly var entry = ref table[slot];
                if (entry.Fingerprint == fingerprint && entry.Length == id.Length &&
                    Utf8.AsSpan(entry.Offset, entry.Length).SequenceEqual(id))
                {
                    return ~entry.Position;
                }

                slot = (slot + 1) & Mask;
            }

            var offset = Offsets[Count];
            if ((long)offset + id.Length > Utf8.Length)
            {
                GrowBytes((long)offset + id.Length);
            }

            if (Count + 2 > Offsets.Length)
            {
                Offsets = Resized(Offsets, (long)Offsets.Length * 2);
            }

            id.CopyTo(Utf8.AsSpan(offset));
            table[slot] = new Entry(fingerprint, Count, offset, id.Length);
            Offsets[Count + 1] = offset + id.Length;
            MaxByteLength = Math.Max(MaxByteLength, id.Length);
            return Count++;
        }

        /// <summary>Makes room for about <paramref name="expectedCount"/> ids of <paramref name="bytesPerId"/> bytes each, so reading on does not grow the arrays again and again.</summary>
        public void Reserve(long expectedCount, int bytesPerId)
        {
            expectedCount = Math.Min(expectedCount, Array.MaxLength / 2 - 1);
            if (expectedCount + 1 > Offsets.Length)
            {
                Offsets = Resized(Offsets, expectedCount + 1);
            }

            var bytes = Math.Min(expectedCount * bytesPerId, Array.MaxLength);
            if (bytes > Utf8.Length)
            {
                Utf8 = Resized(Utf8, bytes);
            }

            if (TableCapacity((int)expectedCount) > Table.Length)
            {
                Rehash(TableCapacity((int)expectedCount));
            }
        }

        /// <summary>The index of the ids added; the builder must not be used after.</summary>
        public ImageIndex ToIndex()
        {
            // Cut to length when a reserve guessed high or the arrays doubled, so the index does not hold that memory
            // for its life; a few percent over is kept rather than copied.
            var used = Offsets[Count];
            if (Utf8.Length - used > used / 8)
            {
                Utf8 = Utf8.AsSpan(0, used).ToArray();
            }

            if (Offsets.Length - (Count + 1) > (Count + 1) / 8)
            {
                Offsets = Offsets.AsSpan(0, Count + 1).ToArray();
            }

            return new ImageIndex(this);
        }

        private void GrowBytes(long needed)
        {
            if (needed > Array.MaxLength)
            {
                throw new ArgumentException("The image ids are too long together.");
            }

            Utf8 = Resized(Utf8, Math.Max(needed, (long)Utf8.Length * 2));
        }

        private void Rehash(int capacity)
        {
            var table = new Entry[capacity];
            var mask = capacity - 1;
            foreach (var entry in Table)
            {
                if (entry.Length == 0)
                {
                    continue;
                }

                var slot = (int)Hash(Utf8.AsSpan(entry.Offset, entry.Length)) & mask;
                while (table[slot].Length != 0)
                {
                    slot = (slot + 1) & mask;
                }

                table[slot] = entry;
            }

            Table = table;
            Mask = mask;
        }

        private static int TableCapacity(int count) =>
            (int)Math.Max(MinTableCapacity, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, count) * 2));

        private static T[] Resized<T>(T[] array, long length)
        {
            var resized = GC.AllocateUninitializedArray<T>((int)Math.Min(length, Array.MaxLength));
            array.CopyTo(resized, 0);
            return resized;
        }
    }
}
