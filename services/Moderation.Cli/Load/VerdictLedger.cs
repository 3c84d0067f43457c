using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Moderation.Cli.Load;

/// <summary>
/// What was published and what came back, keyed by revision: the time each revision was sent, every
/// scan verdict and rejection received for it. Safe to use from the publishing and consuming threads at once.
/// </summary>
public sealed class VerdictLedger
{
    private readonly ConcurrentDictionary<RevisionKey, long> _sent = new();
    private readonly ConcurrentDictionary<RevisionKey, int> _verdicts = new();

    // The first answer's action or rejection code per revision: a later answer to the same revision must repeat it.
    private readonly ConcurrentDictionary<RevisionKey, string> _firstAnswer = new();
    private readonly ConcurrentDictionary<RevisionKey, byte> _disagreed = new();
    private readonly ConcurrentQueue<(long SentAt, double Milliseconds)> _latencies = new();
    private readonly ConcurrentDictionary<string, int> _rejections = new();
    private readonly ConcurrentDictionary<string, int> _actions = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly long _origin;
    private long _lastVerdictAt;
    private int _confirmed;
    private int _unexpected;
    private int _received;
    private int _retried;

    public VerdictLedger(long origin = 0) => _origin = origin == 0 ? Stopwatch.GetTimestamp() : origin;

    public int Published => _sent.Count;

    public int Confirmed => Volatile.Read(ref _confirmed);

    /// <summary>Revisions with at least one verdict or rejection.</summary>
    public int Answered => _verdicts.Count;

    /// <summary>Every scan verdict and rejection received, duplicates included.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Messages that name no revision this run published (another run's, or a stage other than the scan).</summary>
    public int Unexpected => Volatile.Read(ref _unexpected);

    public IReadOnlyDictionary<string, int> Rejections => _rejections;

    public IReadOnlyDictionary<string, int> Actions => _actions;

    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>When the last answer arrived, as a <see cref="Stopwatch"/> timestamp (0 before the first).</summary>
    public long LastVerdictAt => Interlocked.Read(ref _lastVerdictAt);

    public void Sent(RevisionKey key) => _sent[key] = Stopwatch.GetTimestamp();

    public void Confirm() => Interlocked.Increment(ref _confirmed);

    /// <summary>Publishes sent again after a failure (a forum retries until its post is accepted).</summary>
    public int Retried => Volatile.Read(ref _retried);

    public void Retry() => Interlocked.Increment(ref _retried);

    public void Error(string message)
    {
        // Kept bounded: a broken broker would otherwise fill memory with the same line.
        if (_errors.Count < 1_000)
        {
            _errors.Enqueue(message);
        }
    }

    /// <summary>Records one message from an operator's verdict queue (plain JSON, a verdict or a rejection).</summary>
    public void Receive(ReadOnlySpan<byte> body)
    {
        var now = Stopwatch.GetTimestamp();
        RevisionKey key;
        string? action = null;
        string? code = null;
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.TryGetProperty("stage", out var stage) && stage.GetString() is { } name && name != "Scan")
            {
                Interlocked.Increment(ref _unexpected);
                return;
            }

            key = new RevisionKey(root.GetProperty("boardId").GetString() ?? "", root.GetProperty("postId").GetString() ?? "",
                root.TryGetProperty("revision", out var revision) && revision.ValueKind == JsonValueKind.Number ? revision.GetInt32() : 0);
            action = root.TryGetProperty("action", out var a) ? a.GetString() : null;
            code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Error($"unreadable message on a verdict queue: {ex.Message}");
            return;
        }

        if (!_sent.TryGetValue(key, out var sentAt))
        {
            Interlocked.Increment(ref _unexpected);
            return;
        }

        Interlocked.Increment(ref _received);
        if (_verdicts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
        {
            _latencies.Enqueue((sentAt, Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds));
        }

        var answer = code is not null ? $"rejected:{code}" : action ?? "";
        if (_firstAnswer.GetOrAdd(key, answer) != answer)
        {
            _disagreed.TryAdd(key, 0);
        }

        if (code is not null)
        {
            _rejections.AddOrUpdate(code, 1, (_, n) => n + 1);
        }
        else if (action is not null)
        {
            _actions.AddOrUpdate(action, 1, (_, n) => n + 1);
        }

        InterlockedMax(ref _lastVerdictAt, now);
    }

    /// <summary>Revisions published that have had no answer yet.</summary>
    public IReadOnlyList<RevisionKey> Unanswered() => [.. _sent.Keys.Where(k => !_verdicts.ContainsKey(k))];

    /// <summary>Revisions answered more than once, with how many times.</summary>
    public IReadOnlyList<(RevisionKey Key, int Count)> Duplicated() => [.. _verdicts.Where(v => v.Value > 1).Select(v => (v.Key, v.Value))];

    /// <summary>Revisions answered more than once with answers that differ (a different action, or a verdict and a rejection).</summary>
    public IReadOnlyList<RevisionKey> Disagreed() => [.. _disagreed.Keys];

    public IReadOnlyCollection<RevisionKey> PublishedKeys => (IReadOnlyCollection<RevisionKey>)_sent.Keys;

    public LatencyStats Latency() => LatencyStats.Of(_latencies.Select(l => l.Milliseconds));

    /// <summary>The latencies grouped by the second (since the origin) in which their post was published.</summary>
    public IReadOnlyList<TimelinePoint> Timeline()
    {
        var published = _sent.Values.GroupBy(Second).ToDictionary(g => g.Key, g => g.Count());
        var answered = _latencies.GroupBy(l => Second(l.SentAt)).ToDictionary(g => g.Key, g => g.Select(l => l.Milliseconds).ToList());
        var last = published.Keys.Concat(answered.Keys).DefaultIfEmpty(0).Max();
        return [.. Enumerable.Range(0, last + 1).Select(second =>
        {
            var stats = answered.TryGetValue(second, out var list) ? LatencyStats.Of(list) : LatencyStats.Empty;
            return new TimelinePoint(second, published.GetValueOrDefault(second), stats.Count, stats.P50, stats.P99, stats.Max);
        })];
    }

    private int Second(long timestamp) => (int)Stopwatch.GetElapsedTime(_origin, timestamp).TotalSeconds;

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
