using System.Numerics;

namespace Moderation.Detection.Fingerprints;

/// <summary>
/// Finds the documents whose SimHash lies within <see cref="FingerprintScoring.MaxSimHashDistance"/>
/// bits of a text's, without comparing against every document: the 64 bits are cut into
/// distance + 1 blocks, and two hashes that differ in at most that many bits agree exactly on at
/// least one block (Manku, Jain and Das Sarma, 2007). Immutable once built.
/// </summary>
internal sealed class SimHashTable
{
    private const int Blocks = FingerprintScoring.MaxSimHashDistance + 1;

    private readonly Dictionary<long, int[]> _byBlock;
    private readonly ulong[] _simHashes;

    private SimHashTable(Dictionary<long, int[]> byBlock, ulong[] simHashes)
    {
        _byBlock = byBlock;
        _simHashes = simHashes;
    }

    public static SimHashTable Build(IReadOnlyList<FingerprintDocument> documents)
    {
        var lists = new Dictionary<long, List<int>>();
        var simHashes = new ulong[documents.Count];
        for (int d = 0; d < documents.Count; d++)
        {
            simHashes[d] = documents[d].SimHash;
            for (int b = 0; b < Blocks; b++)
            {
                long key = Key(b, documents[d].SimHash);
                if (!lists.TryGetValue(key, out List<int>? list))
                {
                    lists[key] = list = [];
                }

                list.Add(d);
            }
        }

        return new SimHashTable(lists.ToDictionary(p => p.Key, p => p.Value.ToArray()), simHashes);
    }

    /// <summary>Adds each document within the distance once, with the distance; allocates only when one is found.</summary>
    public void Find(ulong simHash, ref List<(int Document, int Distance)>? found)
    {
        for (int b = 0; b < Blocks; b++)
        {
            if (!_byBlock.TryGetValue(Key(b, simHash), out int[]? candidates))
            {
                continue;
            }

            foreach (int d in candidates)
            {
                int distance = BitOperations.PopCount(_simHashes[d] ^ simHash);
                // Report a document once: at the first block it agrees on.
                if (distance <= FingerprintScoring.MaxSimHashDistance && FirstAgreeingBlock(_simHashes[d], simHash) == b)
                {
                    (found ??= []).Add((d, distance));
                }
            }
        }
    }

    private static int FirstAgreeingBlock(ulong a, ulong b)
    {
        for (int block = 0; block < Blocks; block++)
        {
            if (Block(block, a) == Block(block, b))
            {
                return block;
            }
        }

        return -1;
    }

    private static long Key(int block, ulong simHash) => ((long)block << 32) | (long)Block(block, simHash);

    private static ulong Block(int block, ulong simHash)
    {
        int start = block * 64 / Blocks;
        int end = (block + 1) * 64 / Blocks;
        ulong mask = end - start == 64 ? ulong.MaxValue : ((1UL << (end - start)) - 1);
        return (simHash >> start) & mask;
    }
}
