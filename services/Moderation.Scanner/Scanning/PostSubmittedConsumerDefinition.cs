using MassTransit;

namespace Moderation.Scanner.Scanning;

/// <summary>
/// Retries transient faults (a database fail-over, a dropped connection) in place before the message
/// is moved to <c>post-submitted_error</c>, where it is kept for an administrator to inspect and replay.
/// </summary>
internal sealed class PostSubmittedConsumerDefinition : ConsumerDefinition<PostSubmittedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PostSubmittedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200)));
    }
}
