using Moderation.Api.Registrations.Rules;
using Moderation.Storage.Boards;
using Moderation.Verdicts.Divisions;

namespace Moderation.Api.Registrations.Demo;

/// <summary>
/// The demo boards of <see cref="DemoData"/>, registered through the workflow as an organizer and a
/// department would: applied for by the demo organizer, reviewed and approved by <c>system</c>, the
/// second one then suspended. Each step is in the board's history and the audit log. The demo forum
/// key of the host's settings stays the forum's credential; the workflow's own is never collected.
/// </summary>
public sealed class DemoRegistrations(RegistrationWorkflow workflow, BoardRepository boards, ILogger<DemoRegistrations> logger) : IDemoBoards
{
    private static readonly RegistrationCaller Organizer = new(DemoData.Organizer, IsAdmin: false, Area: null);
    private static readonly RegistrationCaller Department = new("system", IsAdmin: true, Area: DivisionCode.Central);

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await RegisterAsync(DemoData.ApprovedBoardId, "Demo board", suspend: false, cancellationToken);
        await RegisterAsync(DemoData.SuspendedBoardId, "Demo board (suspended)", suspend: true, cancellationToken);
    }

    public static ApplicationForm Form(string boardId, string name) => new()
    {
        BoardId = boardId,
        BoardName = name,
        Kind = "Bbs",
        Address = $"https://bbs.demo.example.cn/{boardId}",
        OrganizingUnit = "Demo Forum Operations Co., Ltd.",
        CreditCode = DemoData.CreditCode,
        ResponsiblePerson = "Demo security officer",
        ContactPhone = "+86 10 6500 0000",
        ContactEmail = "security@demo.example.cn",
        DivisionCode = DemoData.DivisionCode,
        SecurityManagement = "Every post is scanned by this system before it appears; held posts are reviewed by two moderators on duty; leaks are removed and reported at once.",
        UserAgreementUrl = "https://bbs.demo.example.cn/agreement",
        AgreementBindsUsersToSecrecyLaw = true,
        AgreementForbidsStateSecrets = true,
        ReportsLeaksToDepartment = true,
        OperatorId = DemoData.OperatorId,
    };

    private async Task RegisterAsync(string boardId, string name, bool suspend, CancellationToken cancellationToken)
    {
        if (await workflow.FindBoardForOfficerAsync(Department, boardId, cancellationToken) is not null)
        {
            return;
        }

        if (await boards.FindAsync(boardId, cancellationToken) is not null)
        {
            logger.LogWarning("Demo board {BoardId} exists without an application (written before registration existed); left as it is", boardId);
            return;
        }

        var steps = new List<Func<string, Task<RegistrationOutcome>>>
        {
            id => workflow.SubmitAsync(Organizer, id, "Demo board applied for at first start", cancellationToken),
            id => workflow.DecideAsync(Department, id, Transition.StartReview, "Demo: taken up at first start", null, cancellationToken),
            id => workflow.DecideAsync(Department, id, Transition.Approve, "Demo: approved at first start", null, cancellationToken),
        };
        if (suspend)
        {
            steps.Add(id => workflow.DecideAsync(Department, id, Transition.Suspend, "Demo of a suspended board: its posts are refused", null, cancellationToken));
        }

        var outcome = await workflow.SaveDraftAsync(Organizer, null, Form(boardId, name), null, cancellationToken);
        foreach (var step in steps)
        {
            if (outcome is not RegistrationOutcome.Done done)
            {
                break;
            }

            outcome = await step(done.Application.ApplicationId);
        }

        if (outcome is not RegistrationOutcome.Done)
        {
            throw new InvalidOperationException($"The demo board {boardId} could not be registered: {outcome}");
        }
    }
}
