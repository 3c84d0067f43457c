using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Api.Registrations.Demo;
using Moderation.Api.Registrations.Rules;

namespace Moderation.Standalone.Tests.Registrations;

/// <summary>The registration workflow as tests drive it: over the JSON API, as the organizer and the officer would.</summary>
public static class RegistrationClient
{
    /// <summary>A complete application for <paramref name="boardId"/> in Chaoyang, Beijing (within <c>off-bj</c>'s area).</summary>
    public static ApplicationForm Form(string boardId, string? operatorId = null, string creditCode = "91330106MA2H8KX1PF") =>
        DemoRegistrations.Form(boardId, $"Board {boardId}") with
        {
            OrganizingUnit = "Test Forum Co., Ltd.",
            CreditCode = creditCode,
            OperatorId = operatorId,
            ContactEmail = "security@test.example.cn",
        };

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Draft, submit, take up and approve: returns the application id.</summary>
    public static async Task<string> ApprovedAsync(HttpClient organizer, HttpClient officer, ApplicationForm form)
    {
        var id = await SubmittedAsync(organizer, form);
        await DecideAsync(officer, id, "StartReview", "taken up");
        await DecideAsync(officer, id, "Approve", "security system and agreement in order");
        return id;
    }

    public static async Task<string> SubmittedAsync(HttpClient organizer, ApplicationForm form)
    {
        var draft = await (await organizer.PostAsJsonAsync("/api/v1/registrations", form)).JsonAsync(HttpStatusCode.Created);
        var id = draft.GetProperty("applicationId").GetString()!;
        await (await organizer.PostAsJsonAsync($"/api/v1/registrations/{id}/submit", new { })).JsonAsync(HttpStatusCode.OK);
        return id;
    }

    public static async Task<JsonElement> DecideAsync(HttpClient officer, string id, string transition, string reason) =>
        await (await officer.PostAsJsonAsync($"/api/v1/registration-reviews/{id}/decision", new { transition, reason })).JsonAsync(HttpStatusCode.OK);

    public static Task<HttpResponseMessage> PostAsync(HttpClient forum, string boardId, string postId) =>
        forum.PostAsJsonAsync("/api/v1/posts", new
        {
            boardId,
            postId,
            revision = 0,
            channel = "Bbs",
            authorId = "u-1",
            title = "会议通知",
            body = "明天九点开会，地点在三楼会议室。",
            submittedAt = DateTimeOffset.UtcNow,
        });
}
