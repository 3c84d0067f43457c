using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Moderation.Detection.Normalization;
using Xunit;

namespace Moderation.Detection.Tests;

/// <summary>
/// A cached model is keyed by <see cref="TextNormalizer.Version"/>; a fold that changes what the model
/// sees without a new version would let machines serve a model trained on other features. This text
/// exercises every fold, and its normalised form is recorded against the version.
/// </summary>
public sealed class NormalizerVersionTests
{
    private const string EveryFold =
        "ＴＯＰ　ＳＥＣＲＥＴ①𝐒 机\u200B密 机 密★10年 機密★長期 ❺⓾ ⭐✱ ТОР SЕСRЕТ//ΝΟFΟRΝ 机密★五年 〔二〇二四〕十二号 六一三九八部队 " +
        "nei bu zi liao jue mi★shi nian 机🔥密 <b>绝</b><b>密</b> 内<!-- x -->部 T0P S3CR3T S E C R E T 北纬二十一度零九分\r\nline\ttab\u2028end";

    [Fact]
    public void The_normaliser_version_names_what_it_does()
    {
        using NormalizedText normalized = TextNormalizer.Normalize(EveryFold);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized.Text.ToString())))[..16];

        (TextNormalizer.Version, hash).Should().Be(("2026.12-2", "38a11b3bea9e4fbc"), "a change to the folds needs a new TextNormalizer.Version (and this hash recorded with it)");
    }
}
