using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Moderation.Cli.Load;

/// <summary>
/// Registers the load's operators and boards through the system's own registration workflow over the
/// Api's JSON API, with a key that may act as organizer and officer (an administrator's): the organizer
/// applies for each board naming its operator and submits, the officer starts the review and approves,
/// and the organizer collects the operator's credentials (API key and broker user) with its first board.
/// </summary>
public sealed class LoadRegistrar(HttpClient api)
{
    // A unified social credit code with a valid check character (GB 32100); the operator is named explicitly.
    private const string CreditCode = "91330106MA2H8KX1PF";

    // Beijing, Chaoyang: in the shipped department directory.
    private const string DivisionCode = "110105";

    /// <summary>Ids of the operators and boards a run registers: <c>{runId}-op{i}</c> and <c>{runId}-op{i}-b{j}</c>, boards dealt round the operators.</summary>
    public static IReadOnlyList<(string OperatorId, IReadOnlyList<string> Boards)> Plan(string runId, int operators, int boards) =>
        [.. Enumerable.Range(0, operators).Select(i => (
            $"{runId}-op{i}",
            (IReadOnlyList<string>)[.. Enumerable.Range(0, boards).Where(b => b % operators == i).Select(b => $"{runId}-op{i}-b{b / operators}")]))];

    public async Task<IReadOnlyList<LoadOperator>> RegisterAsync(string runId, int operators, int boards, TextWriter progress, CancellationToken cancellationToken)
    {
        var registered = new List<LoadOperator>();
        foreach (var (operatorId, boardIds) in Plan(runId, operators, boards))
        {
            JsonElement? credentials = null;
            foreach (var boardId in boardIds)
            {
                var applicationId = await ApproveAsync(operatorId, boardId, cancellationToken);
                credentials ??= await PostAsync($"api/v1/registrations/{applicationId}/credentials", null, cancellationToken);
            }

            var issued = credentials!.Value;
            registered.Add(new LoadOperator(operatorId, boardIds, Text(issued, "apiKey")!, Text(issued, "brokerUser"), Text(issued, "brokerPassword"), Text(issued, "verdictQueue")!));
            await progress.WriteLineAsync($"load: registered operator {operatorId} with {boardIds.Count} approved board(s)");
        }

        return registered;
    }

    private async Task<string> ApproveAsync(string operatorId, string boardId, CancellationToken cancellationToken)
    {
        var application = await PostAsync("api/v1/registrations", new
        {
            boardId,
            boardName = $"Load board {boardId}",
            kind = "Bbs",
            address = $"https://{boardId}.load.example.cn",
            organizingUnit = "Load Test Forum Co., Ltd.",
            creditCode = CreditCode,
            responsiblePerson = "Load Tester",
            contactPhone = "+86 10 0000 0000",
            contactEmail = "load@example.cn",
            divisionCode = DivisionCode,
            securityManagement = "Generated traffic: every post is synthetic and checked by the load generator.",
            userAgreementUrl = $"https://{boardId}.load.example.cn/agreement",
            agreementBindsUsersToSecrecyLaw = true,
            agreementForbidsStateSecrets = true,
            reportsLeaksToDepartment = true,
            operatorId,
        }, cancellationToken);
        var id = Text(application, "applicationId")!;
        await PostAsync($"api/v1/registrations/{id}/submit", new { }, cancellationToken);
        foreach (var transition in new[] { "StartReview", "Approve" })
        {
            await PostAsync($"api/v1/registration-reviews/{id}/decision", new { transition, reason = "load generator run" }, cancellationToken);
        }

        return id;
    }

    private async Task<JsonElement> PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var response = body is null
            ? await api.PostAsync(path, null, cancellationToken)
            : await api.PostAsJsonAsync(path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var why = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => "the API key was refused (unknown or revoked): check --api-key",
                HttpStatusCode.Forbidden => "the API key may not register boards: it needs an administrator's key (organizer and officer at once)",
                _ when text.Contains("department directory", StringComparison.Ordinal) => text + " (load the directory first: moderation departments import deploy/seed/departments.jsonl)",
                _ => text,
            };
            throw new LoadSetupException($"POST /{path} answered {(int)response.StatusCode}: {why}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
