using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moderation.Api.Registrations;
using Moderation.Standalone.Tests.Review;
using Moderation.Storage;
using Moderation.Storage.Audit;
using Moderation.Storage.Boards;
using Moderation.Storage.Orders;

namespace Moderation.Standalone.Tests.Registrations;

/// <summary>
/// Art. 13: suspending the board of an overdue rectification order is the registration workflow's
/// suspension, with the board's history, the audit row and the organizer's notice, and only then
/// recorded on the order.
/// </summary>
public sealed class BoardSuspensionRegistrationSpecs : IAsyncLifetime
{
    private ReviewHost _host = null!;

    public async Task InitializeAsync() => _host = await ReviewHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_overdue_rectification_suspends_the_board_through_the_workflow_with_history_audit_and_notice()
    {
        var orderId = await OverdueOrderAsync();
        using var officer = await _host.SignInAsync("off-bj");

        var suspended = await officer.PostAsync($"/api/v1/rectifications/{orderId}/suspend-board", null);
        var again = await officer.PostAsync($"/api/v1/rectifications/{orderId}/suspend-board", null);

        suspended.StatusCode.Should().Be(HttpStatusCode.OK, await suspended.Content.ReadAsStringAsync());
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).Should().Contain("cannot be suspended again");
        (await new BoardRepository(_host.Scratch.Database, TimeProvider.System).FindAsync(DemoData.ApprovedBoardId, CancellationToken.None))!.Status.Should().Be(BoardStatus.Suspended);
        var store = new RegistrationStore(_host.Scratch.Database, new AuditLog(_host.Scratch.Database, TimeProvider.System), TimeProvider.System);
        var application = (await store.FindByBoardAsync(DemoData.ApprovedBoardId, CancellationToken.None))!;
        application.Status.Should().Be(Moderation.Api.Registrations.Rules.ApplicationStatus.Suspended);
        var last = (await store.HistoryAsync(application.ApplicationId, CancellationToken.None))[^1];
        (last.Transition, last.Actor).Should().Be(("Suspend", "off-bj"));
        last.Reason.Should().Contain($"Rectification order {orderId} was not completed by its deadline").And.Contain("Appoint a security officer");
        (await store.NoticesAsync(DemoData.Organizer, 10, CancellationToken.None))[0].Subject.Should().Be($"Board {DemoData.ApprovedBoardId}: Suspended");
        (await new AuditLog(_host.Scratch.Database, TimeProvider.System).ListAsync(null, 10, $"application:{application.ApplicationId}", CancellationToken.None))
            .Select(e => e.Action).Should().Contain("registration.suspend");
        (await Orders().FindRectificationAsync(orderId, CancellationToken.None))!.Status.Should().Be(OrderStatus.BoardSuspended);
    }

    [Fact]
    public async Task A_board_already_suspended_by_a_decision_is_not_suspended_twice_and_the_order_records_it()
    {
        var orderId = await OverdueOrderAsync();
        using var officer = await _host.SignInAsync("off-bj");
        var store = new RegistrationStore(_host.Scratch.Database, new AuditLog(_host.Scratch.Database, TimeProvider.System), TimeProvider.System);
        var application = (await store.FindByBoardAsync(DemoData.ApprovedBoardId, CancellationToken.None))!;
        (await RegistrationClient.DecideAsync(officer, application.ApplicationId, "Suspend", "leak not reported")).GetProperty("status").GetString().Should().Be("Suspended");

        var suspended = await officer.PostAsync($"/api/v1/rectifications/{orderId}/suspend-board", null);

        suspended.StatusCode.Should().Be(HttpStatusCode.OK, await suspended.Content.ReadAsStringAsync());
        (await store.HistoryAsync(application.ApplicationId, CancellationToken.None)).Count(e => e.Transition == "Suspend").Should().Be(1);
        (await Orders().FindRectificationAsync(orderId, CancellationToken.None))!.Status.Should().Be(OrderStatus.BoardSuspended);
    }

    private OrderRepository Orders() => new(_host.Scratch.Database, TimeProvider.System, Options.Create(new StorageOptions()));

    /// <summary>An order issued ten days ago on the demo board, due yesterday.</summary>
    private async Task<string> OverdueOrderAsync()
    {
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10));
        var order = await new OrderRepository(_host.Scratch.Database, past, Options.Create(new StorageOptions()))
            .IssueRectificationAsync("110000", DemoData.ApprovedBoardId, "Appoint a security officer", DateTimeOffset.UtcNow.AddDays(-1), "off-bj", CancellationToken.None);
        return order!.OrderId;
    }
}
