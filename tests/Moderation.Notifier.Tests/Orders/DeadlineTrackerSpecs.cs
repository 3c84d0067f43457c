using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moderation.Notifier.Delivery;
using Moderation.Notifier.Orders;
using Moderation.Notifier.Tests.Support;
using Moderation.Storage;
using Moderation.Storage.Boards;
using Moderation.Storage.Orders;

namespace Moderation.Notifier.Tests.Orders;

public sealed class DeadlineTrackerSpecs : IAsyncLifetime
{
    private NotifierHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await NotifierHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task An_order_past_its_deadline_is_escalated_once_with_its_metric_and_a_completed_one_never()
    {
        var orders = new OrderRepository(_harness.Database.Database, _harness.Time, Options.Create(new StorageOptions()));
        var open = await orders.IssueRectificationAsync("110000", DemoData.ApprovedBoardId, "Appoint a security officer", _harness.Time.GetUtcNow().AddHours(2), "officer-bj", CancellationToken.None);
        var done = await orders.IssueRectificationAsync("110000", DemoData.ApprovedBoardId, "Publish the user agreement", _harness.Time.GetUtcNow().AddHours(2), "officer-bj", CancellationToken.None);
        await orders.CompleteRectificationAsync(done!.OrderId, "officer-bj", CancellationToken.None);
        using var metrics = new MeterListenerSink();
        _harness.Dispatcher(configure: null, metrics);
        var tracker = new DeadlineTracker(orders, _harness.Metrics(), NullLogger<DeadlineTracker>.Instance);

        var early = await tracker.RunOnceAsync(CancellationToken.None);
        _harness.Time.Advance(TimeSpan.FromHours(3));
        var late = await tracker.RunOnceAsync(CancellationToken.None);
        var again = await tracker.RunOnceAsync(CancellationToken.None);

        (early, late, again).Should().Be((0, 1, 0));
        metrics.Sum("moderation.orders.escalated").Should().Be(1);
        var flagged = (await orders.FindRectificationAsync(open!.OrderId, CancellationToken.None))!;
        flagged.Status.Should().Be(OrderStatus.Overdue);
        flagged.EscalatedAt.Should().Be(_harness.Time.GetUtcNow());
        (await orders.FindRectificationAsync(done.OrderId, CancellationToken.None))!.Status.Should().Be(OrderStatus.Completed);
    }
}
