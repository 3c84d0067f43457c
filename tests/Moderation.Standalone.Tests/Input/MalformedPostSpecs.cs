using System.Net;
using System.Text;
using System.Text.Json;
using Dapper;
using Moderation.Standalone.Tests.Review;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Input;

/// <summary>
/// HTTP ingest on PostgreSQL refuses what the contract refuses, each with a 400 naming the field: NUL
/// and other control characters (which PostgreSQL cannot store, formerly a 500), a time without an
/// offset, a property sent twice, an id outside the id character set, a value of the wrong kind.
/// </summary>
public sealed class MalformedPostSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;
    private HttpClient _forum = null!;

    public async Task InitializeAsync()
    {
        _host = await ReviewHost.StartOnPostgresAsync();
        _forum = _host.Factory.CreateClient(TestCredentials.ForumKey);
    }

    public async Task DisposeAsync()
    {
        _forum.Dispose();
        await _host.DisposeAsync();
    }

    [Theory]
    [InlineData("title", "\\u0000")]
    [InlineData("body", "\\u0000")]
    [InlineData("body", "\\u001b")]
    [InlineData("title", "\\ud800")]
    public async Task A_control_character_in_the_title_or_body_is_a_400_naming_the_field_and_nothing_is_stored(string field, string escaped)
    {
        var json = Post("nul-" + field, title: field == "title" ? $"标题{escaped}" : "标题", body: field == "body" ? $"机{escaped}密★10年" : "正文");

        var messages = await Problems.ForAsync(await SubmitAsync(json), field);

        messages.Should().Contain($"{field} contains").And.Contain("remove it");
        (await PostsStoredAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_submitted_at_without_an_offset_is_refused()
    {
        var messages = await Problems.ForAsync(await SubmitAsync(Post("no-offset", submittedAt: "2026-11-24T08:30:00")), "submittedAt");

        messages.Should().Contain("has no offset");
        (await PostsStoredAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_property_sent_twice_is_refused_rather_than_the_last_one_winning()
    {
        var json = Post("twice").Replace("\"boardId\":\"demo-board\"", "\"boardId\":\"demo-board\",\"boardId\":\"demo-suspended\"", StringComparison.Ordinal);

        var messages = await Problems.ForAsync(await SubmitAsync(json), "boardId");

        messages.Should().Contain("more than once");
        (await PostsStoredAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("postId", "thread/12", "letters A–Z and a–z, digits 0–9")]
    [InlineData("postId", "..", "not '.' or '..' alone")]
    [InlineData("authorId", "张 三", "letters A–Z and a–z, digits 0–9")]
    [InlineData("postId", "p\\u0000", "postId contains a control character (U+0000) at position 1")]
    [InlineData("boardId", "demo-board\\u0000", "boardId contains a control character (U+0000) at position 10")]
    public async Task An_id_outside_the_id_characters_is_refused_naming_the_set(string field, string id, string says)
    {
        var json = Post("good-id").Replace($"\"{field}\":\"{Value(field)}\"", $"\"{field}\":\"{id}\"", StringComparison.Ordinal);

        var messages = await Problems.ForAsync(await SubmitAsync(json), field);

        messages.Should().Contain(says);
        (await PostsStoredAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_post_id_of_the_id_characters_is_accepted_and_its_location_answers()
    {
        var response = await SubmitAsync(Post("article:123@news.example.cn"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        var status = await _forum.GetAsync(location);
        status.StatusCode.Should().Be(HttpStatusCode.OK, location);
        using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("postId").GetString().Should().Be("article:123@news.example.cn");
    }

    [Fact]
    public async Task A_value_of_the_wrong_kind_names_the_field_and_the_kind_expected()
    {
        var json = Post("kind").Replace("\"revision\":0", "\"revision\":\"one\"", StringComparison.Ordinal);

        var messages = await Problems.ForAsync(await SubmitAsync(json), "revision");

        messages.Should().Contain("revision must be a whole number").And.Contain("line 1");
    }

    [Fact]
    public async Task A_control_character_in_the_path_is_a_400_naming_the_parameter()
    {
        // A NUL (%00) in a path is refused by the server's own URL decoder before any endpoint; other controls reach the guard.
        var response = await _forum.GetAsync("/api/v1/boards/demo-board/posts/p%01");

        (await Problems.ForAsync(response, "postId")).Should().Contain("postId contains a control character (U+0001) at position 1");
    }

    private Task<HttpResponseMessage> SubmitAsync(string json) =>
        _forum.PostAsync("/api/v1/posts", new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Value(string field) => field switch
    {
        "boardId" => "demo-board",
        "authorId" => "author-1",
        _ => "good-id",
    };

    private static string Post(string postId, string title = "标题", string body = "正文", string? submittedAt = null) =>
        $$"""{"boardId":"demo-board","postId":"{{postId}}","revision":0,"channel":"Bbs","authorId":"author-1","title":"{{title}}","body":"{{body}}","submittedAt":"{{submittedAt ?? DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O")}}"}""";

    private async Task<long> PostsStoredAsync()
    {
        await using var connection = await _host.Scratch.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM posts");
    }
}
