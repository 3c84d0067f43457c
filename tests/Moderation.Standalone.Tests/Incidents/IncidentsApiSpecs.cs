using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Contracts;
using Moderation.Webhooks;
using Moderation.Storage.Boards;
using Moderation.Storage.Database;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Incidents;

/// <summary>The incident, department, receipt and order endpoints on the standalone host (Notifier included).</summary>
public sealed class IncidentsApiSpecs : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SecretText = "第三批次的交付地点改为西郊七号仓库";

    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync() => _scratch = await ScratchDatabase.CreateSqliteAsync(migrate: false);

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    [Fact]
    public async Task A_removed_post_is_reported_to_the_demo_department_and_its_text_purged_and_the_officer_sees_it()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var forum = app.CreateClient(TestCredentials.ForumKey);
        using var officer = app.CreateClient(TestCredentials.OfficerKey);

        var incidentId = await RemoveAsync(forum, officer, "p-1");
        var detail = await PollAsync(officer, $"/api/v1/incidents/{incidentId}", d => d.GetProperty("incident").TryGetProperty("purgedAt", out var p) && p.ValueKind == JsonValueKind.String);

        detail.GetProperty("incident").GetProperty("departmentId").GetString().Should().Be("bj-chaoyang");
        detail.GetProperty("notifications")[0].GetProperty("state").GetString().Should().Be("Delivered");
        detail.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).Should().Equal("Removed", "Reported", "Purged");
        detail.ToString().Should().NotContain(SecretText);
        await using var connection = await app.Services.GetRequiredService<ModerationDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM posts WHERE post_id = 'p-1' AND body IS NULL AND title IS NULL";
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(1);
    }

    [Fact]
    public async Task An_officer_sees_no_incident_outside_the_jurisdiction()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var forum = app.CreateClient(TestCredentials.ForumKey);
        using var officer = app.CreateClient(TestCredentials.OfficerKey);
        using var admin = app.CreateClient(TestCredentials.AdminKey);
        await app.Services.GetRequiredService<BoardRepository>().SaveAsync("hz-board", DemoData.OperatorId, "Hangzhou", "Bbs", "330106", BoardStatus.Approved, CancellationToken.None);

        var posted = await forum.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post("hz-1", $"绝密★长期 内部资料 {SecretText}") with { BoardId = "hz-board" }, WireFormat.Options);
        posted.StatusCode.Should().Be(HttpStatusCode.Accepted, await posted.Content.ReadAsStringAsync());
        var all = await PollAsync(admin, "/api/v1/incidents", list => list.GetArrayLength() == 1);
        var hangzhou = all[0].GetProperty("incidentId").GetInt64();

        all[0].GetProperty("departmentId").GetString().Should().Be("zj-hangzhou-xihu");
        (await officer.GetFromJsonAsync<JsonElement>("/api/v1/incidents")).GetArrayLength().Should().Be(0);
        (await officer.GetAsync($"/api/v1/incidents/{hangzhou}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await officer.PostAsync($"/api/v1/incidents/{hangzhou}/acknowledge", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await forum.GetAsync("/api/v1/incidents")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await officer.GetAsync("/api/v1/departments")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_signed_receipt_acknowledges_the_incident_once_and_a_replayed_or_forged_one_is_refused()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var forum = app.CreateClient(TestCredentials.ForumKey);
        using var officer = app.CreateClient(TestCredentials.OfficerKey);
        using var admin = app.CreateClient(TestCredentials.AdminKey);
        using var anonymous = app.CreateClient();
        var put = await admin.PutAsync("/api/v1/departments/bj-chaoyang", Json($$"""
            {"id":"bj-chaoyang","name":"朝阳分局","divisionCode":"110105","parent":"bj","endpoints":[{"kind":"webhook","url":"https://psb.example.cn/hook","secret":"{{Secret}}"}]}
            """));
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        var incidentId = await RemoveAsync(forum, officer, "p-2");
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incidentId}");
        var deliveryId = detail.GetProperty("notifications")[0].GetProperty("deliveryId").GetString()!;
        var body = $$"""{"deliveryId":"{{deliveryId}}","acknowledgedBy":"值班员 王"}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var accepted = await anonymous.SendAsync(Receipt("r-1", now, body, Secret));
        var replayed = await anonymous.SendAsync(Receipt("r-1", now, body, Secret));
        var stale = await anonymous.SendAsync(Receipt("r-2", now - 3600, body, Secret));
        var forged = await anonymous.SendAsync(Receipt("r-3", now, body, "whsec_" + Convert.ToBase64String(new byte[32])));

        (accepted.StatusCode, replayed.StatusCode, stale.StatusCode, forged.StatusCode).Should().Be(
            (HttpStatusCode.Accepted, HttpStatusCode.Conflict, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized));
        var incident = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incidentId}")).GetProperty("incident");
        incident.GetProperty("acknowledgedBy").GetString().Should().Be("值班员 王");
        incident.GetProperty("status").GetString().Should().Be("Acknowledged");
    }

    [Fact]
    public async Task A_directory_file_with_mistakes_is_refused_naming_line_and_field_and_a_good_one_is_imported()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var admin = app.CreateClient(TestCredentials.AdminKey);

        var bad = await admin.PostAsync("/api/v1/departments/import", new StringContent("""
            {"id":"tj","name":"天津市公安局","divisionCode":"120000","parent":"mps"}
            {"id":"tj-heping","name":"和平分局","divisionCode":"12010","parent":"tj"}
            """, Encoding.UTF8, "application/x-ndjson"));
        var good = await admin.PostAsync("/api/v1/departments/import", new StringContent("""
            {"id":"tj","name":"天津市公安局","divisionCode":"120000","parent":"mps"}
            {"id":"tj-heping","name":"和平分局","divisionCode":"120101","parent":"tj","endpoints":[{"kind":"email","address":"duty@tj.example.cn"}]}
            """, Encoding.UTF8, "application/x-ndjson"));
        var routed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/departments/route/120101");

        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("line 2, divisionCode: '12010' is not six digits");
        good.StatusCode.Should().Be(HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        routed.GetProperty("id").GetString().Should().Be("tj-heping");
        routed.GetProperty("endpoints")[0].GetProperty("address").GetString().Should().Be("duty@tj.example.cn");
    }

    [Fact]
    public async Task Takedown_and_rectification_orders_stay_within_the_officers_area_and_a_board_is_suspended_only_when_overdue()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var forum = app.CreateClient(TestCredentials.ForumKey);
        using var officer = app.CreateClient(TestCredentials.OfficerKey);
        await app.Services.GetRequiredService<BoardRepository>().SaveAsync("hz-board", DemoData.OperatorId, "Hangzhou", "Bbs", "330106", BoardStatus.Approved, CancellationToken.None);
        await RemoveAsync(forum, officer, "p-3");
        var deadline = DateTimeOffset.UtcNow.AddDays(2);

        var takedown = await officer.PostAsJsonAsync("/api/v1/takedowns", new { targets = new[] { new { boardId = DemoData.ApprovedBoardId, postId = "p-3" } }, deadline, reason = "Art. 15" });
        var foreign = await officer.PostAsJsonAsync("/api/v1/takedowns", new { targets = new[] { new { boardId = "hz-board", postId = "x" } }, deadline, reason = "Art. 15" });
        var rectification = await officer.PostAsJsonAsync("/api/v1/rectifications", new { boardId = DemoData.ApprovedBoardId, requirements = "Appoint a security officer", deadline });
        var foreignBoard = await officer.PostAsJsonAsync("/api/v1/rectifications", new { boardId = "hz-board", requirements = "x", deadline });
        var order = await rectification.Content.ReadFromJsonAsync<JsonElement>();
        var early = await officer.PostAsync($"/api/v1/rectifications/{order.GetProperty("orderId").GetString()}/suspend-board", null);

        takedown.StatusCode.Should().Be(HttpStatusCode.Created, await takedown.Content.ReadAsStringAsync());
        (await takedown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("targets")[0].GetProperty("operatorId").GetString().Should().Be(DemoData.OperatorId);
        foreign.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        rectification.StatusCode.Should().Be(HttpStatusCode.Created);
        foreignBoard.StatusCode.Should().Be(HttpStatusCode.NotFound);
        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).Should().Contain("is not overdue");
    }

    private static async Task<long> RemoveAsync(HttpClient forum, HttpClient officer, string postId)
    {
        var response = await forum.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post(postId, $"绝密★长期 内部资料 {SecretText}"), WireFormat.Options);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var list = await PollAsync(officer, "/api/v1/incidents", l => l.EnumerateArray().Any(i => i.GetProperty("postId").GetString() == postId));
        return list.EnumerateArray().First(i => i.GetProperty("postId").GetString() == postId).GetProperty("incidentId").GetInt64();
    }

    private static HttpRequestMessage Receipt(string id, long timestamp, string body, string secret) => new(HttpMethod.Post, "/api/v1/receipts")
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
        Headers =
        {
            { StandardWebhook.IdHeader, id },
            { StandardWebhook.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            { StandardWebhook.SignatureHeader, StandardWebhook.Sign(secret, id, timestamp, body) },
        },
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> PollAsync(HttpClient http, string path, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            var response = await http.GetAsync(path);
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (until(last))
                {
                    return last;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{path} did not reach the expected state; last answer: {last}");
    }
}
