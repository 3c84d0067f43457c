namespace Moderation.Learning.Corpus;

/// <summary>The corpus categories; <c>Corpus/README.md</c> says what each one holds.</summary>
public static class CorpusCategories
{
    // Leaked classified material (label secret).
    public const string SecrecyMarking = "secrecy-marking";
    public const string ClassifiedHeader = "classified-header";
    public const string InternalCirculation = "internal-circulation";
    public const string MilitaryDeployment = "military-deployment";
    public const string EnglishBanner = "english-banner";
    public const string ChatLeak = "chat-leak";
    public const string Evasion = "evasion";

    // Ordinary talk (label clean).
    public const string ForumTalk = "forum-talk";
    public const string ChatTalk = "chat-talk";
    public const string EnglishTalk = "english-talk";

    // Clean text that shares words or shapes with leaks (label clean).
    public const string TradeSecret = "near-miss-trade-secret";
    public const string GameAndFiction = "near-miss-game-fiction";
    public const string StarRating = "near-miss-star-rating";
    public const string PublicNotice = "near-miss-public-notice";
    public const string SecrecyLaw = "near-miss-secrecy-law";
    public const string Programming = "near-miss-programming";
    public const string StudyMaterial = "near-miss-study-material";
    public const string MilitaryNews = "near-miss-military-news";
    public const string EnglishNearMiss = "near-miss-english";
    public const string EverydayNearMiss = "near-miss-everyday";

    public static IReadOnlyDictionary<string, CategoryGroup> Groups { get; } = new Dictionary<string, CategoryGroup>(StringComparer.Ordinal)
    {
        [SecrecyMarking] = CategoryGroup.Leak,
        [ClassifiedHeader] = CategoryGroup.Leak,
        [InternalCirculation] = CategoryGroup.Leak,
        [MilitaryDeployment] = CategoryGroup.Leak,
        [EnglishBanner] = CategoryGroup.Leak,
        [ChatLeak] = CategoryGroup.Leak,
        [Evasion] = CategoryGroup.Leak,
        [ForumTalk] = CategoryGroup.Ordinary,
        [ChatTalk] = CategoryGroup.Ordinary,
        [EnglishTalk] = CategoryGroup.Ordinary,
        [TradeSecret] = CategoryGroup.NearMiss,
        [GameAndFiction] = CategoryGroup.NearMiss,
        [StarRating] = CategoryGroup.NearMiss,
        [PublicNotice] = CategoryGroup.NearMiss,
        [SecrecyLaw] = CategoryGroup.NearMiss,
        [Programming] = CategoryGroup.NearMiss,
        [StudyMaterial] = CategoryGroup.NearMiss,
        [MilitaryNews] = CategoryGroup.NearMiss,
        [EnglishNearMiss] = CategoryGroup.NearMiss,
        [EverydayNearMiss] = CategoryGroup.NearMiss,
    };

    /// <summary>The group of a category; categories unknown to this build (a user's own corpus) count as ordinary or leak by label.</summary>
    public static CategoryGroup GroupOf(string category, bool isSecret) =>
        Groups.TryGetValue(category, out CategoryGroup group) ? group : isSecret ? CategoryGroup.Leak : CategoryGroup.Ordinary;
}
