using System.Text.Json;
using System.Text.Json.Nodes;
using Moderation.Detection.Fingerprints;

namespace Moderation.Detection.Tests.Fingerprints;

public sealed class FingerprintFileTests
{
    private static readonly FingerprintScheme Scheme = FingerprintScheme.FromSecret("test-secret");

    private static readonly FingerprintDocument Document =
        Scheme.Compute("bm-2026-017", "第三季度协调会纪要", FingerprintCorpus.Protected[1].Text, "110105");

    private static IReadOnlyList<FingerprintProblem> ProblemsOf(string json) =>
        FluentActions.Invoking(() => FingerprintFile.Parse(json)).Should().Throw<FingerprintFileException>().Which.Problems;

    private static string Edited(Action<JsonObject> edit)
    {
        JsonObject file = JsonNode.Parse(FingerprintFile.Write(Document))!.AsObject();
        edit(file);
        return file.ToJsonString();
    }

    [Fact]
    public void A_written_file_reads_back_as_the_same_document()
    {
        FingerprintDocument read = FingerprintFile.Parse(FingerprintFile.Write(Document));

        read.Should().BeEquivalentTo(Document);
        read.SameFingerprintAs(Document).Should().BeTrue();
    }

    [Fact]
    public void The_file_holds_parameters_hashes_and_the_officers_labels_only()
    {
        using JsonDocument file = JsonDocument.Parse(FingerprintFile.Write(Document));
        JsonElement root = file.RootElement;

        root.EnumerateObject().Select(p => p.Name).Should().Equal("format", "version", "documentId", "title", "divisionCode", "parameters", "simhash", "hashes");
        root.GetProperty("format").GetString().Should().Be("moderation-fingerprint");
        root.GetProperty("version").GetInt32().Should().Be(1);
        root.GetProperty("parameters").EnumerateObject().Select(p => p.Name).Should().Equal("normalization", "kgram", "window", "shingle", "hash", "keyId");
        root.GetProperty("parameters").GetProperty("kgram").GetInt32().Should().Be(10);
        root.GetProperty("parameters").GetProperty("window").GetInt32().Should().Be(8);
        root.GetProperty("simhash").GetString().Should().MatchRegex("^[0-9a-f]{16}$");
        root.GetProperty("hashes").EnumerateArray().Should().OnlyContain(h => h.GetString()!.Length == 16);
        root.GetProperty("hashes").GetArrayLength().Should().Be(Document.Hashes.Count);
    }

    [Fact]
    public void A_malformed_file_names_every_wrong_field()
    {
        string json = Edited(file =>
        {
            file["format"] = "something-else";
            file["version"] = 2;
            file["documentId"] = "has spaces";
            file["divisionCode"] = "11010";
            file["simhash"] = "xyz";
            file["parameters"]!["kgram"] = "ten";
            ((JsonArray)file["hashes"]!)[3] = 12;
            file["text"] = "绝密★长期 全文";
        });

        ProblemsOf(json).Select(p => p.Field).Should().BeEquivalentTo(
            ["format", "version", "documentId", "divisionCode", "simhash", "parameters.kgram", "hashes[3]", "text"]);
        ProblemsOf(json).Single(p => p.Field == "text").Message.Should().Contain("never carries text");
        ProblemsOf(json).Single(p => p.Field == "documentId").Message.Should().Contain("letters, digits");
    }

    [Fact]
    public void Missing_fields_and_non_json_are_named()
    {
        ProblemsOf("{}").Select(p => p.Field).Should().BeEquivalentTo(["format", "version", "documentId", "parameters", "simhash", "hashes"]);
        ProblemsOf("[1, 2]").Should().ContainSingle().Which.Message.Should().Contain("JSON object");
        ProblemsOf("{ not json").Should().ContainSingle().Which.Message.Should().Contain("not valid JSON");
    }

    [Fact]
    public void Too_few_hashes_to_ever_match_are_refused()
    {
        string json = Edited(file => file["hashes"] = new JsonArray("0000000000000001", "0000000000000002"));

        ProblemsOf(json).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Field = "hashes" });
    }

    [Fact]
    public void Unsorted_or_repeated_hashes_are_read_sorted_and_distinct()
    {
        string json = Edited(file =>
        {
            var hashes = (JsonArray)file["hashes"]!;
            var reversed = new JsonArray([.. hashes.Select(h => JsonValue.Create(h!.GetValue<string>())).Reverse()]);
            reversed.Add(JsonValue.Create(hashes[0]!.GetValue<string>()));
            file["hashes"] = reversed;
        });

        FingerprintFile.Parse(json).Hashes.Should().Equal(Document.Hashes);
    }

    [Theory]
    [InlineData("bm-2026-017", true)]
    [InlineData("A.b_c-9", true)]
    [InlineData("-leading-dash", false)]
    [InlineData("with space", false)]
    [InlineData("中文编号", false)]
    [InlineData("", false)]
    public void Document_ids_are_plain_references(string id, bool valid)
    {
        (FingerprintFile.CheckDocumentId(id) is null).Should().Be(valid);
    }
}
