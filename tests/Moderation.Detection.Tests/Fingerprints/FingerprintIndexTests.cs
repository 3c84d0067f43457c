using Moderation.Detection.Fingerprints;

namespace Moderation.Detection.Tests.Fingerprints;

public sealed class FingerprintIndexTests
{
    private static readonly FingerprintScheme Scheme = FingerprintScheme.FromSecret("test-secret");

    private static FingerprintDocument Document(int i, string? id = null) =>
        Scheme.Compute(id ?? FingerprintCorpus.Protected[i].Id, null, FingerprintCorpus.Protected[i].Text);

    [Fact]
    public void Adding_a_document_makes_a_new_snapshot_and_leaves_the_old_one_as_it_was()
    {
        FingerprintIndex before = FingerprintIndex.Empty(Scheme).With(Document(0));

        FingerprintIndex after = before.With(Document(1));

        before.Count.Should().Be(1);
        before.Match(FingerprintCorpus.Protected[1].Text).Should().BeEmpty();
        after.Count.Should().Be(2);
        after.Match(FingerprintCorpus.Protected[1].Text).Should().Contain(m => m.DocumentId == FingerprintCorpus.Protected[1].Id);
        after.DistinctHashes.Should().Be(Document(0).Hashes.Union(Document(1).Hashes).Count());
    }

    [Fact]
    public void A_document_id_already_in_the_index_is_not_added_again()
    {
        FingerprintIndex index = FingerprintIndex.Empty(Scheme).With(Document(0));

        index.With(Document(0)).Should().BeSameAs(index);
        FingerprintIndex.Build(Scheme, [Document(0), Document(1, id: FingerprintCorpus.Protected[0].Id)]).Count.Should().Be(1);
    }

    [Fact]
    public void Documents_sharing_a_passage_are_both_reported()
    {
        string shared = FingerprintCorpus.Protected[2].Text;
        FingerprintIndex index = FingerprintIndex.Build(Scheme, [Scheme.Compute("original", null, shared), Scheme.Compute("copy", null, "附件一\n" + shared)]);

        index.Match(shared).Select(m => m.DocumentId).Distinct().Should().BeEquivalentTo(["original", "copy"]);
    }

    [Fact]
    public void A_document_from_an_older_normaliser_is_still_loaded_but_another_window_is_not()
    {
        FingerprintDocument document = Document(0);
        FingerprintDocument older = document with { Parameters = document.Parameters with { Normalization = "0000000000000000" } };
        FingerprintDocument otherWindow = document with { Parameters = document.Parameters with { Window = 16 } };

        FingerprintIndex.IsComparable(Scheme, older.Parameters).Should().BeTrue();
        FingerprintIndex.Empty(Scheme).With(older).Count.Should().Be(1);
        Scheme.Check(older.Parameters).Should().ContainSingle().Which.Field.Should().Be("parameters.normalization");
        FingerprintIndex.IsComparable(Scheme, otherWindow.Parameters).Should().BeFalse();
        Scheme.Check(otherWindow.Parameters).Should().ContainSingle().Which.Message.Should().Contain("Is 16, this deployment uses 8");
    }
}
