using System.Text;
using Moderation.Detection.Normalization;

namespace Moderation.Detection.Classification;

/// <summary>
/// The trained model as the scanner runs it: a linear model over L2-normalised n-gram counts (or, with
/// <see cref="ClassifierFeatures.Presence"/>, presences) of the
/// normalised post text, with Platt calibration, so its output is a probability on the rule score's
/// 0–1 scale. Scoring is one pass of <see cref="NgramHasher{TSink}"/> over the text, a vocabulary
/// lookup per n-gram and a dot product: no tokeniser, no per-call pipeline, nothing allocated once
/// the thread is warm. Immutable and thread-safe; build once per model and share.
/// </summary>
public sealed class TextClassifier
{
    /// <summary>Where a model file (zip) keeps the classifier.</summary>
    public const string EntryName = "moderation/classifier.bin";

    // 2 added the training prior; a format-1 file is read with a prior of one half.
    // 3 added presence features; a format-1 or 2 file reads counts.
    private const int FormatVersion = 3;
    private static readonly byte[] Magic = "MODCLS\r\n"u8.ToArray();

    private readonly FeatureTable _table;
    private readonly float[] _weights;
    private readonly ulong[] _keys;

    /// <param name="keys">The vocabulary: the key of each feature's n-gram, in feature order.</param>
    /// <param name="weights">The linear model's weight of each feature.</param>
    /// <param name="slope">Platt calibration: probability = 1 / (1 + exp(slope · score + offset)).</param>
    /// <param name="trainingPrior">The share of leaks in the training data: the prior its probabilities are calibrated at, which <see cref="ScanPolicy.Calibrate"/> moves to a forum's base rate.</param>
    public TextClassifier(string version, ClassifierFeatures features, IReadOnlyList<ulong> keys, IReadOnlyList<float> weights, double bias, double slope, double offset, double trainingPrior = 0.5)
    {
        if (trainingPrior is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(trainingPrior), trainingPrior, "The training prior is a share of leaks strictly between 0 and 1.");
        }

        TrainingPrior = trainingPrior;
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(weights);
        if (keys.Count != weights.Count)
        {
            throw new ArgumentException($"{keys.Count} n-gram keys but {weights.Count} weights", nameof(weights));
        }

        Version = version;
        Features = features;
        Bias = bias;
        Slope = slope;
        Offset = offset;
        _keys = [.. keys];
        _weights = [.. weights];
        _table = new FeatureTable(_keys);
    }

    public string Version { get; }

    public ClassifierFeatures Features { get; }

    public int FeatureCount => _weights.Length;

    public double Bias { get; }

    /// <summary>The feature index of an n-gram key, or -1 when the vocabulary does not have it.</summary>
    internal int IndexOf(ulong key) => _table.IndexOf(key);

    public double Slope { get; }

    /// <summary>The share of leaks among the posts the classifier was trained on.</summary>
    public double TrainingPrior { get; }

    public double Offset { get; }

    /// <summary>Probability in [0, 1] that the post is leaked classified material.</summary>
    public double Predict(string? title, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        NgramHasher<FeatureCounts> hasher = Begin();
        try
        {
            if (!string.IsNullOrEmpty(title))
            {
                using (NormalizedText normalizedTitle = TextNormalizer.Normalize(title))
                {
                    hasher.Append(normalizedTitle.Text);
                }

                hasher.Separate();
            }

            using (NormalizedText normalizedBody = TextNormalizer.Normalize(body))
            {
                hasher.Append(normalizedBody.Text);
            }
        }
        catch
        {
            Abandon(ref hasher);
            throw;
        }

        return Complete(ref hasher);
    }

    /// <summary>Probabilities for many posts, in input order; one thread's buffers serve the whole batch.</summary>
    public double[] PredictBatch(IReadOnlyList<(string? Title, string Body)> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        var probabilities = new double[posts.Count];
        for (int i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = Predict(posts[i].Title, posts[i].Body);
        }

        return probabilities;
    }

    /// <summary>Starts scoring a post whose normalised fields the caller feeds in (the engine, which has normalised them already).</summary>
    internal NgramHasher<FeatureCounts> Begin() => new(Features, FeatureCounts.Rent(_table));

    /// <summary>Clears what a post that failed half-way counted, so the thread's buffer stays clean.</summary>
    internal static void Abandon(ref NgramHasher<FeatureCounts> hasher) => hasher.Sink.Reset();

    internal double Complete(ref NgramHasher<FeatureCounts> hasher)
    {
        FeatureCounts counts = hasher.Finish();
        double dot = 0;
        double squares = 0;
        int[] perFeature = counts.Counts;
        bool presence = Features.Presence;
        foreach (int index in counts.Touched)
        {
            double count = presence ? 1 : perFeature[index];
            dot += count * _weights[index];
            squares += count * count;
        }

        counts.Reset();
        double score = Bias + (squares > 0 ? dot / Math.Sqrt(squares) : 0);
        return 1 / (1 + Math.Exp((Slope * score) + Offset));
    }

    /// <summary>Every n-gram key of a post in text order, repeated as often as the n-gram occurs: what training counts.</summary>
    public static IEnumerable<ulong> Keys(string? title, string body, ClassifierFeatures features)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(features);
        var hasher = new NgramHasher<KeyList>(features, new KeyList([]));
        if (!string.IsNullOrEmpty(title))
        {
            using (NormalizedText normalizedTitle = TextNormalizer.Normalize(title))
            {
                hasher.Append(normalizedTitle.Text);
            }

            hasher.Separate();
        }

        using (NormalizedText normalizedBody = TextNormalizer.Normalize(body))
        {
            hasher.Append(normalizedBody.Text);
        }

        return hasher.Finish().Items;
    }

    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Version);
        writer.Write(Features.CharNgramLength);
        writer.Write(Features.WordNgramLength);
        writer.Write(Features.FoldDigits);
        writer.Write(Features.Presence);
        writer.Write(Bias);
        writer.Write(Slope);
        writer.Write(Offset);
        writer.Write(TrainingPrior);
        writer.Write(_keys.Length);
        for (int i = 0; i < _keys.Length; i++)
        {
            writer.Write(_keys[i]);
            writer.Write(_weights[i]);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Not a classifier, or one of an unknown format.</exception>
    public static TextClassifier ReadFrom(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException($"{EntryName} is not a classifier");
            }

            int format = reader.ReadInt32();
            if (format is not (1 or 2 or FormatVersion))
            {
                throw new InvalidDataException($"classifier format {format} is not supported (this build reads format {FormatVersion})");
            }

            string version = reader.ReadString();
            int charNgramLength = reader.ReadInt32();
            int wordNgramLength = reader.ReadInt32();
            bool foldDigits = reader.ReadBoolean();
            bool presence = format >= 3 && reader.ReadBoolean();
            var features = new ClassifierFeatures(charNgramLength, wordNgramLength, foldDigits, presence);
            double bias = reader.ReadDouble();
            double slope = reader.ReadDouble();
            double offset = reader.ReadDouble();
            double prior = format >= 2 ? reader.ReadDouble() : 0.5;
            int count = reader.ReadInt32();
            if (count < 0 || count > 64_000_000)
            {
                throw new InvalidDataException($"classifier claims {count} features");
            }

            var keys = new ulong[count];
            var weights = new float[count];
            for (int i = 0; i < count; i++)
            {
                keys[i] = reader.ReadUInt64();
                weights[i] = reader.ReadSingle();
            }

            return new TextClassifier(version, features, keys, weights, bias, slope, offset, prior);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException($"{EntryName} is truncated or damaged: {ex.Message}", ex);
        }
    }

    private readonly struct KeyList(List<ulong> items) : INgramSink
    {
        public List<ulong> Items => items;

        public void Add(ulong key) => items.Add(key);
    }
}
