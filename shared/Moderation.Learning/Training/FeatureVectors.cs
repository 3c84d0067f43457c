using Microsoft.ML;
using Microsoft.ML.Data;
using Moderation.Detection.Classification;
using Moderation.Learning.Corpus;

namespace Moderation.Learning.Training;

/// <summary>
/// Posts as ML.NET rows: the n-gram keys of <see cref="TextClassifier.Keys"/> counted over a
/// vocabulary (or, with <see cref="ClassifierFeatures.Presence"/>, marked present) and L2-normalised,
/// exactly what <see cref="TextClassifier"/> computes when it scores.
/// </summary>
internal static class FeatureVectors
{
    /// <summary>The vocabulary of a training set: every n-gram key in order of first appearance, so the same data gives the same indices.</summary>
    public static List<ulong> Vocabulary(IEnumerable<IReadOnlyList<ulong>> keysPerPost)
    {
        var seen = new HashSet<ulong>();
        var vocabulary = new List<ulong>();
        foreach (IReadOnlyList<ulong> keys in keysPerPost)
        {
            foreach (ulong key in keys)
            {
                if (seen.Add(key))
                {
                    vocabulary.Add(key);
                }
            }
        }

        return vocabulary;
    }

    public static VBuffer<float> Vector(IReadOnlyList<ulong> keys, Func<ulong, int> indexOf, int dimension, bool presence)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (ulong key in keys)
        {
            int index = indexOf(key);
            if (index >= 0)
            {
                counts[index] = presence ? 1 : counts.GetValueOrDefault(index) + 1;
            }
        }

        double norm = Math.Sqrt(counts.Values.Sum(c => (double)c * c));
        int[] indices = [.. counts.Keys];
        float[] values = [.. counts.Values.Select(c => (float)(c / norm))];
        return new VBuffer<float>(dimension, indices.Length, values, indices);
    }

    public static SchemaDefinition Schema(int dimension)
    {
        SchemaDefinition schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    public static IDataView Load(MLContext ml, IEnumerable<FeatureRow> rows, int dimension) =>
        ml.Data.LoadFromEnumerable(rows, Schema(dimension));

    public static List<ulong> KeysOf(CorpusExample example, ClassifierFeatures features) => [.. TextClassifier.Keys(example.Title, example.Body, features)];
}
