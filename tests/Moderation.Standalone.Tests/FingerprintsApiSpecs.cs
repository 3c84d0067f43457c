using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Moderation.Detection.Fingerprints;
using Moderation.Contracts;
using Moderation.Testing;

namespace Moderation.Standalone.Tests;

/// <summary>Registering protected documents over HTTP in the standalone host, where the registration updates the one in-process index.</summary>
public sealed class FingerprintsApiSpecs : IAsyncLifetime
{
    private const string Protected = """
        关于调整区域应急物资储备布局的意见。将现有的枫林、石门两个省级储备库合并为省级中心库，选址于石门县城以北的铁路货运站附近。
        新建澜江、北坡、青溪三个区域库，分别覆盖西部山区、北部牧区和东部沿江地区。区域库储备规模按照服务人口每万人不少于五十顶帐篷、三百床棉被的标准核定。
        新建区域库建设资金由省级财政和所在州市按六比四的比例分担，储备物资购置和轮换经费纳入省级财政预算。
        """;

    private static readonly FingerprintScheme Demo = FingerprintScheme.FromSecret(FingerprintScheme.DemoSecret);

    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync() => _scratch = await ScratchDatabase.CreateSqliteAsync(migrate: false);

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    internal static string File(string id = "reserve-layout", string text = Protected, FingerprintScheme? scheme = null) =>
        FingerprintFile.Write((scheme ?? Demo).Compute(id, "储备布局意见", text, "110000"));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_document_is_registered_once_listed_and_a_post_quoting_it_is_held()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.OfficerKey);

        var created = await http.PostAsync("/api/v1/fingerprints", Json(File()));
        var again = await http.PostAsync("/api/v1/fingerprints", Json(File()));
        var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/fingerprints");

        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        created.Headers.Location!.ToString().Should().Be("/api/v1/fingerprints/reserve-layout");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var listed = list.EnumerateArray().Should().ContainSingle().Subject;
        listed.EnumerateObject().Select(p => p.Name).Should().Equal("documentId", "title", "divisionCode", "registeredAt", "registeredBy", "hashCount");
        listed.GetProperty("title").GetString().Should().Be("储备布局意见");
        listed.GetProperty("divisionCode").GetString().Should().Be("110000");
        listed.GetProperty("hashCount").GetInt32().Should().BeGreaterThan(20);
        (await http.GetFromJsonAsync<JsonElement>("/api/v1/fingerprints/reserve-layout")).GetProperty("documentId").GetString().Should().Be("reserve-layout");

        const string Body = "听说：新建澜江、北坡、青溪三个区域库，分别覆盖西部山区、北部牧区和东部沿江地区。不知道真假。";
        using var forum = app.CreateClient(TestCredentials.ForumKey);
        var submitted = await forum.PostAsJsonAsync("/api/v1/posts", PostsApiSpecs.Post("quoting", Body), WireFormat.Options);
        var status = await PostsApiSpecs.PollScannedAsync(forum, submitted.Headers.Location!.ToString());

        status.GetProperty("action").GetString().Should().Be("Hold");
        var reason = status.GetProperty("reasons").EnumerateArray().Where(r => r.GetProperty("rule").GetString() is not ("model" or "decision")).Should().ContainSingle().Subject;
        reason.GetProperty("rule").GetString().Should().Be("fingerprint:reserve-layout");
        reason.GetProperty("category").GetString().Should().Be("fingerprint");
        reason.GetProperty("similarity").GetDouble().Should().BeInRange(0.05, 1);
    }

    [Fact]
    public async Task Another_fingerprint_under_a_registered_id_is_a_conflict()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.OfficerKey);
        await http.PostAsync("/api/v1/fingerprints", Json(File()));

        var response = await http.PostAsync("/api/v1/fingerprints", Json(File(text: Protected + "\n附件：储备品种目录另行制定，每两年调整一次，由省应急管理厅会同有关部门组织实施。")));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).Should().Contain("never replaced");
    }

    [Fact]
    public async Task A_bad_file_gets_a_message_per_field_and_nothing_is_registered()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.OfficerKey);
        var file = JsonNode.Parse(File())!.AsObject();
        file["documentId"] = "not a valid id";
        file["parameters"]!["window"] = 16;
        file["text"] = "全文";

        var response = await http.PostAsync("/api/v1/fingerprints", Json(file.ToJsonString()));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo("documentId", "text");
        (await http.GetFromJsonAsync<JsonElement>("/api/v1/fingerprints")).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_file_computed_with_another_secret_or_window_is_refused_with_what_to_do()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.OfficerKey);
        var otherWindow = JsonNode.Parse(File())!.AsObject();
        otherWindow["parameters"]!["window"] = 16;

        var otherSecret = await http.PostAsync("/api/v1/fingerprints", Json(File(scheme: FingerprintScheme.FromSecret("someone-elses-secret"))));
        var window = await http.PostAsync("/api/v1/fingerprints", Json(otherWindow.ToJsonString()));

        otherSecret.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var secretProblem = JsonDocument.Parse(await otherSecret.Content.ReadAsStringAsync());
        secretProblem.RootElement.GetProperty("errors").GetProperty("parameters.keyId")[0].GetString().Should().Contain("MODERATION_FINGERPRINT_SECRET");
        window.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var windowProblem = JsonDocument.Parse(await window.Content.ReadAsStringAsync());
        windowProblem.RootElement.GetProperty("errors").GetProperty("parameters.window")[0].GetString().Should().Contain("this deployment uses 8");
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_an_unknown_id_are_answered_plainly()
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString);
        using var http = app.CreateClient(TestCredentials.OfficerKey);

        var notJson = await http.PostAsync("/api/v1/fingerprints", new StringContent("绝密文件全文……", Encoding.UTF8, "text/plain"));
        var unknown = await http.GetAsync("/api/v1/fingerprints/nope");

        notJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await notJson.Content.ReadAsStringAsync()).Should().Contain("moderation fingerprint");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
