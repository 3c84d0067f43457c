using System.Numerics;

namespace Moderation.Detection.Classification;

/// <summary>
/// The vocabulary: n-gram key → feature index, open addressing with linear probing at most half
/// full. Keys are already avalanched hashes, so their low bits index the table directly. Immutable
/// once built; lookups are safe from many threads.
/// </summary>
internal sealed class FeatureTable
{
    private readonly ulong[] _keys;
    private readonly int[] _indexes;
    private readonly int _mask;

    public FeatureTable(IReadOnlyList<ulong> keys)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, keys.Count * 2));
        _keys = new ulong[size];
        _indexes = new int[size];
        _mask = size - 1;
        Array.Fill(_indexes, -1);
        for (int i = 0; i < keys.Count; i++)
        {
            int slot = (int)keys[i] & _mask;
            while (_indexes[slot] >= 0)
            {
                if (_keys[slot] == keys[i])
                {
                    throw new ArgumentException($"n-gram key {keys[i]:x16} appears twice in the vocabulary", nameof(keys));
                }

                slot = (slot + 1) & _mask;
            }

            _keys[slot] = keys[i];
            _indexes[slot] = i;
        }

        Count = keys.Count;
    }

    public int Count { get; }

    /// <summary>The feature index of <paramref name="key"/>, or -1 for an n-gram the training data never had.</summary>
    public int IndexOf(ulong key)
    {
        int slot = (int)key & _mask;
        while (true)
        {
            int index = _indexes[slot];
            if (index < 0 || _keys[slot] == key)
            {
                return index;
            }

            slot = (slot + 1) & _mask;
        }
    }
}
