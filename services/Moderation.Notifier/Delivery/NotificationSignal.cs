namespace Moderation.Notifier.Delivery;

/// <summary>Wakes an idle Notifier early when new notifications were committed; the poll interval stays as the safety net.</summary>
public sealed class NotificationSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes at the next <see cref="Wake"/> or after <paramref name="interval"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        var woken = Volatile.Read(ref _next).Task;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(interval, time, timeout.Token);
        await Task.WhenAny(woken, delay);
        await timeout.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
