namespace Moderation.Detection.Classification;

/// <summary>
/// Counts how often each known n-gram occurs in one post. The counts live in a per-thread array as
/// long as the largest vocabulary in use, and only the touched slots are reset afterwards, so a
/// post costs its own length, not the vocabulary's size, and allocates nothing once warm.
/// </summary>
internal struct FeatureCounts(FeatureTable table, int[] counts, int[] touched) : INgramSink
{
    [ThreadStatic]
    private static int[]? t_counts;

    [ThreadStatic]
    private static int[]? t_touched;

    private int[] _touched = touched;

    public int TouchedCount { get; private set; }

    public readonly int[] Counts => counts;

    public readonly ReadOnlySpan<int> Touched => _touched.AsSpan(0, TouchedCount);

    public static FeatureCounts Rent(FeatureTable table)
    {
        int[] counts = t_counts is { } c && c.Length >= table.Count ? c : t_counts = new int[Math.Max(table.Count, 1)];
        int[] touched = t_touched ??= new int[1024];
        return new FeatureCounts(table, counts, touched);
    }

    public void Add(ulong key)
    {
        int index = table.IndexOf(key);
        if (index < 0)
        {
            return;
        }

        if (counts[index]++ == 0)
        {
            if (TouchedCount == _touched.Length)
            {
                Array.Resize(ref _touched, _touched.Length * 2);
                t_touched = _touched;
            }

            _touched[TouchedCount++] = index;
        }
    }

    /// <summary>Zeroes the touched slots, so the thread's array is clean for the next post.</summary>
    public readonly void Reset()
    {
        foreach (int index in Touched)
        {
            counts[index] = 0;
        }
    }
}
