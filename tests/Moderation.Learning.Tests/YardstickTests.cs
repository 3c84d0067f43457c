using System.Text;
using FluentAssertions;
using Moderation.Learning.Corpus;
using Xunit;

namespace Moderation.Learning.Tests;

/// <summary>
/// The hand-written yardstick (<c>Yardstick/</c>): posts written one by one, apart from the generator and
/// from the hand-written training posts, and never trained on. These tests hold it to what it must be.
/// </summary>
public sealed class YardstickTests
{
    private static readonly string Root = RepositoryFiles.Root;
    private static readonly IReadOnlyList<CorpusExample> Yardstick = CorpusFile.LoadDirectory(Path.Combine(Root, "shared/Moderation.Learning/Yardstick"));

    [Fact]
    public void The_yardstick_holds_every_kind_of_post_in_the_numbers_asked_for()
    {
        var notices = Yardstick.Where(e => e.Category == CorpusCategories.PublicNotice).ToList();
        var nearMisses = Yardstick.Where(e => !e.IsSecret && e.Category != CorpusCategories.PublicNotice
            && CorpusCategories.GroupOf(e.Category, isSecret: false) == CategoryGroup.NearMiss).ToList();
        var ordinary = Yardstick.Where(e => CorpusCategories.GroupOf(e.Category, e.IsSecret) == CategoryGroup.Ordinary).ToList();
        var evasions = Yardstick.Where(e => e.Category == CorpusCategories.Evasion).ToList();
        var leaks = Yardstick.Where(e => e.IsSecret && e.Category != CorpusCategories.Evasion).ToList();

        Yardstick.Should().HaveCountGreaterThanOrEqualTo(1200);
        notices.Should().HaveCountGreaterThanOrEqualTo(150).And.OnlyContain(e => !e.IsSecret);
        notices.Select(e => e.Family).Distinct().Should().HaveCountGreaterThanOrEqualTo(15);
        nearMisses.Should().HaveCountGreaterThanOrEqualTo(250);
        ordinary.Should().HaveCountGreaterThanOrEqualTo(300).And.OnlyContain(e => !e.IsSecret);
        leaks.Should().HaveCountGreaterThanOrEqualTo(400);
        leaks.Select(e => e.Category).Distinct().Should().Contain(
            [CorpusCategories.SecrecyMarking, CorpusCategories.ClassifiedHeader, CorpusCategories.InternalCirculation,
             CorpusCategories.MilitaryDeployment, CorpusCategories.EnglishBanner, CorpusCategories.ChatLeak]);
        evasions.Should().HaveCountGreaterThanOrEqualTo(150).And.OnlyContain(e => e.IsSecret);
        evasions.Select(e => e.Family).Distinct().Should().HaveCountGreaterThanOrEqualTo(15);
        Yardstick.Should().OnlyContain(e => e.Split == CorpusSplits.Test, "the yardstick is measured on, never trained on");
    }

    [Fact]
    public void Every_yardstick_line_carries_its_label_category_language_and_a_reason()
    {
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "shared/Moderation.Learning/Yardstick"), "*.jsonl"))
        {
            int line = 0;
            foreach (string text in File.ReadLines(file, Encoding.UTF8))
            {
                line++;
                using var json = System.Text.Json.JsonDocument.Parse(text);
                string where = $"{Path.GetFileName(file)} line {line}";
                json.RootElement.TryGetProperty("reason", out var reason).Should().BeTrue(where);
                reason.GetString().Should().NotBeNullOrWhiteSpace(where);
                json.RootElement.GetProperty("lang").GetString().Should().BeOneOf(["zh", "en", "mixed"], where);
                json.RootElement.GetProperty("category").GetString().Should().NotBeNullOrWhiteSpace(where);
            }
        }
    }

    /// <summary>
    /// No yardstick post, nor a near-duplicate of one (half or more of its character 5-grams, after
    /// normalisation, found in one training post), is in the generated corpus or the hand-written
    /// training posts: a figure measured on the yardstick must not be a figure on training data.
    /// </summary>
    [Fact]
    public void No_yardstick_post_or_near_duplicate_of_one_is_in_any_training_set()
    {
        IReadOnlyList<CorpusExample> training = CorpusFile.LoadShipped();
        var postings = new Dictionary<ulong, List<int>>();
        var sizes = new int[training.Count];
        for (int i = 0; i < training.Count; i++)
        {
            HashSet<ulong> shingles = Shingles(training[i]);
            sizes[i] = shingles.Count;
            foreach (ulong s in shingles)
            {
                if (!postings.TryGetValue(s, out List<int>? list))
                {
                    postings[s] = list = [];
                }

                list.Add(i);
            }
        }

        var duplicates = new List<string>();
        foreach (CorpusExample post in Yardstick)
        {
            HashSet<ulong> shingles = Shingles(post);
            if (shingles.Count == 0)
            {
                continue;
            }

            var shared = new Dictionary<int, int>();
            foreach (ulong s in shingles)
            {
                if (postings.TryGetValue(s, out List<int>? list))
                {
                    foreach (int i in list)
                    {
                        shared[i] = shared.GetValueOrDefault(i) + 1;
                    }
                }
            }

            foreach ((int i, int count) in shared)
            {
                double containment = (double)count / Math.Min(shingles.Count, sizes[i]);
                if (containment >= 0.5 && Math.Min(shingles.Count, sizes[i]) >= 8)
                {
                    duplicates.Add($"{post.Id} ~ {training[i].Id} ({containment:P0})");
                }
            }
        }

        duplicates.Should().BeEmpty($"the yardstick must be written apart from every training set: {string.Join("; ", duplicates)}");
    }

    private static HashSet<ulong> Shingles(CorpusExample example)
    {
        string text = new([.. ((example.Title ?? "") + "\n" + example.Body).Normalize(NormalizationForm.FormKC).ToLowerInvariant().Where(char.IsLetterOrDigit)]);
        var set = new HashSet<ulong>();
        for (int i = 0; i + 5 <= text.Length; i++)
        {
            ulong h = 14695981039346656037;
            for (int k = i; k < i + 5; k++)
            {
                h = (h ^ text[k]) * 1099511628211;
            }

            set.Add(h);
        }

        return set;
    }
}
