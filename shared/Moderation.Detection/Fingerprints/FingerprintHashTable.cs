namespace Moderation.Detection.Fingerprints;

/// <summary>
/// Hash → documents, as an open-addressing table over two flat arrays: a probe is a masked index and
/// a compare, with no allocation and no per-entry objects. Keyed hashes are uniformly distributed,
/// so their low bits are a good slot. In front of it a one-bit-per-slot filter, addressed by the
/// high bits and sixteen times as large as the table holds hashes: at 16 bits a hash it is an
/// eighth of the table's size and stays in cache, and 94% of the hashes of a post that matches
/// nothing stop there instead of costing a cache miss in the table. Immutable once built.
/// </summary>
internal sealed class FingerprintHashTable
{
    public static readonly FingerprintHashTable Empty = Build([]);

    private readonly ulong[] _keys;

    // 0: empty slot; otherwise 1 + the offset in _postings of [count, document, document, ...].
    private readonly int[] _slots;
    private readonly int[] _postings;
    private readonly int _mask;
    private readonly ulong[] _filter;
    private readonly int _filterShift;

    private FingerprintHashTable(ulong[] keys, int[] slots, int[] postings, int distinct, ulong[] filter, int filterShift)
    {
        _keys = keys;
        _slots = slots;
        _postings = postings;
        _mask = keys.Length - 1;
        Distinct = distinct;
        _filter = filter;
        _filterShift = filterShift;
    }

    /// <summary>Distinct hashes in the table.</summary>
    public int Distinct { get; }

    public static FingerprintHashTable Build(IReadOnlyList<FingerprintDocument> documents)
    {
        long total = 0;
        foreach (FingerprintDocument document in documents)
        {
            total += document.Hashes.Count;
        }

        var pairs = new (ulong Hash, int Document)[total];
        int n = 0;
        for (int d = 0; d < documents.Count; d++)
        {
            foreach (ulong hash in documents[d].Hashes)
            {
                pairs[n++] = (hash, d);
            }
        }

        Array.Sort(pairs);
        int distinct = 0;
        for (int i = 0; i < pairs.Length; i++)
        {
            if (i == 0 || pairs[i].Hash != pairs[i - 1].Hash)
            {
                distinct++;
            }
        }

        // Load factor at most one half keeps probe runs short.
        int capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, distinct * 2)));
        var keys = new ulong[capacity];
        var slots = new int[capacity];
        var postings = new int[pairs.Length + distinct];
        int mask = capacity - 1;
        int filterBits = (int)Math.Max(4096, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, distinct * 16)));
        int filterShift = 64 - System.Numerics.BitOperations.Log2((uint)filterBits);
        var filter = new ulong[filterBits / 64];
        int offset = 0;
        for (int i = 0; i < pairs.Length;)
        {
            int end = i;
            while (end < pairs.Length && pairs[end].Hash == pairs[i].Hash)
            {
                end++;
            }

            postings[offset] = end - i;
            for (int j = i; j < end; j++)
            {
                postings[offset + 1 + j - i] = pairs[j].Document;
            }

            int slot = (int)pairs[i].Hash & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            keys[slot] = pairs[i].Hash;
            ulong bit = pairs[i].Hash >> filterShift;
            filter[bit >> 6] |= 1UL << (int)bit;
            slots[slot] = offset + 1;
            offset += 1 + end - i;
            i = end;
        }

        return new FingerprintHashTable(keys, slots, postings, distinct, filter, filterShift);
    }

    /// <summary>The documents holding <paramref name="hash"/>; empty when none does.</summary>
    public ReadOnlySpan<int> Find(ulong hash)
    {
        ulong bit = hash >> _filterShift;
        if ((_filter[bit >> 6] & (1UL << (int)bit)) == 0)
        {
            return [];
        }

        int slot = (int)hash & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return [];
            }

            if (_keys[slot] == hash)
            {
                return _postings.AsSpan(entry, _postings[entry - 1]);
            }

            slot = (slot + 1) & _mask;
        }
    }
}
