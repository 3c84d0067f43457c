using System.Net;
using System.Text.RegularExpressions;
using Moderation.Standalone.Tests.Review;

namespace Moderation.Standalone.Tests.Registrations;

/// <summary>The organizer's pages and the officer's review inbox, through their forms with antiforgery tokens, as a browser posts them.</summary>
public sealed partial class RegistrationPagesSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_organizer_applies_on_the_pages_and_the_officer_approves_in_the_inbox()
    {
        using var organizer = await _host.SignInAsync("org-a");
        using var officer = await _host.SignInAsync("off-bj");

        var started = await PostFormAsync(organizer, "/registrations", "/registrations", new() { ["boardId"] = "page-1", ["boardName"] = "Page board" });
        var page = started.Headers.Location!.OriginalString;
        var refused = await SubmitAsync(organizer, page, Fields("page-1") with { CreditCode = "91350100M000100Y44" });
        var submitted = await SubmitAsync(organizer, page, Fields("page-1"));
        var inbox = await officer.GetStringAsync("/officer/registrations");
        var applicationId = page.Split('/').Last();
        var review = $"/officer/registrations/{applicationId}";
        await PostFormAsync(officer, review, review, new() { ["transition"] = "StartReview", ["reason"] = "taken up" });
        var noReason = await (await PostFormAsync(officer, review, review, new() { ["transition"] = "Approve", ["reason"] = "" })).Content.ReadAsStringAsync();
        await PostFormAsync(officer, review, review, new() { ["transition"] = "Approve", ["reason"] = "in order" });
        var collected = await (await PostFormAsync(organizer, page, page + "?handler=Credentials", [])).Content.ReadAsStringAsync();
        var after = await organizer.GetStringAsync(page);
        var foreign = await (await _host.SignInAsync("off-gd")).GetAsync(review);

        started.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Should().Contain("creditCode: check character (the 18th) is &#x27;4&#x27; but the first 17 characters give &#x27;3&#x27;");
        submitted.Should().Contain("Submitted to the department.").And.Contain("The department must decide by");
        inbox.Should().Contain($"/officer/registrations/{applicationId}").And.Contain("Decision due");
        noReason.Should().Contain("reason: reason is required");
        collected.Should().Contain("shown this once");
        ApiKeyPattern().IsMatch(collected).Should().BeTrue();
        after.Should().NotContain("mod_", "the key is shown only on the answer that made it").And.Contain("Approved");
        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static Api.Registrations.Rules.ApplicationForm Fields(string boardId) => RegistrationClient.Form(boardId);

    private static async Task<string> SubmitAsync(HttpClient http, string page, Api.Registrations.Rules.ApplicationForm form)
    {
        var fields = new Dictionary<string, string>
        {
            ["boardId"] = form.BoardId!, ["boardName"] = form.BoardName!, ["kind"] = form.Kind!, ["address"] = form.Address!,
            ["organizingUnit"] = form.OrganizingUnit!, ["creditCode"] = form.CreditCode!, ["responsiblePerson"] = form.ResponsiblePerson!,
            ["contactPhone"] = form.ContactPhone!, ["contactEmail"] = form.ContactEmail!, ["divisionCode"] = form.DivisionCode!,
            ["userAgreementUrl"] = form.UserAgreementUrl!, ["securityManagement"] = form.SecurityManagement!,
            ["agreementBindsUsersToSecrecyLaw"] = "true", ["agreementForbidsStateSecrets"] = "true", ["reportsLeaksToDepartment"] = "true",
            ["attachments"] = "licence.pdf " + new string('a', 64),
        };
        var response = await PostFormAsync(http, page, page + "?handler=Submit", fields);
        return response.StatusCode == HttpStatusCode.Redirect
            ? await http.GetStringAsync(response.Headers.Location!.OriginalString)
            : await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await ReviewHost.AntiforgeryTokenAsync(http, page);
        return await http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<code id=\"api-key\">mod_[A-Za-z0-9_-]{43}</code>")]
    private static partial Regex ApiKeyPattern();
}
