namespace Moderation.Detection;

/// <summary>
/// The categories a rule may belong to. The set is closed so that a misspelt category in a rule set
/// fails at load time instead of silently never matching a rule's context.
/// </summary>
public static class RuleCategories
{
    public const string SecrecyMarking = "secrecy-marking";
    public const string DocumentNumber = "document-number";
    public const string InternalCirculation = "internal-circulation";
    public const string ForeignBanner = "foreign-banner";
    public const string Military = "military";
    public const string Custom = "custom";

    /// <summary>
    /// Military equipment and places (驱逐舰, 发射井, 运输机, 哨所): nothing alone, as news and games
    /// name them all day; beside a movement, a unit or coordinates they make an observation of forces.
    /// A category of its own so that it and the military rules can be each other's context.
    /// </summary>
    public const string MilitaryAsset = "military-asset";

    /// <summary>
    /// Counter-evidence: signs that a post was published on purpose (现予公布, 公开发布, a 公告 header,
    /// 已解密). Its hits lower the other evidence instead of adding to it (<see cref="ScanPolicy"/>).
    /// </summary>
    public const string PublicRelease = "public-release";

    /// <summary>
    /// Words that say a post is sharing something (拍了, 截图, 转发, 原件, "forwarding the pdf"): nothing
    /// alone, evidence next to a marking, an internal phrase or a secret subject.
    /// </summary>
    public const string Sharing = "sharing";

    /// <summary>
    /// What a restricted document is about (personnel decisions before release, security arrangements,
    /// negotiating positions, unreleased figures): weak alone, evidence next to circulation wording.
    /// </summary>
    public const string SecretSubject = "secret-subject";

    /// <summary>
    /// Counter-evidence that a post talks about secrecy rather than carrying a secret: a quiz with its
    /// answers, the marking's format explained by example, a published court case, a game, a story, a
    /// surprise party. It lowers every piece of evidence, a marking's too (a quiz quotes 机密★10年), and
    /// a post that has it is never removed without a person: it may still be a leak that jokes.
    /// </summary>
    public const string Discussion = "discussion";

    /// <summary>A match with a registered protected document (<c>Fingerprints/</c>); a rule's context may name it.</summary>
    public const string Fingerprint = "fingerprint";

    public static IReadOnlyList<string> All { get; } =
        [SecrecyMarking, DocumentNumber, InternalCirculation, ForeignBanner, Military, MilitaryAsset, Custom, Fingerprint, PublicRelease, Sharing, SecretSubject, Discussion];

    /// <summary>A bit per category, so context checks are mask tests rather than string comparisons.</summary>
    internal static int BitOf(string category)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], category, StringComparison.Ordinal))
            {
                return 1 << i;
            }
        }

        return 0;
    }
}
