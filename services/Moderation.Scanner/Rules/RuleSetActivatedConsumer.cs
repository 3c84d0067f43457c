using MassTransit;
using Moderation.Contracts;

namespace Moderation.Scanner.Rules;

/// <summary>Every scanner instance receives the activation and switches engines at once.</summary>
internal sealed class RuleSetActivatedConsumer(DetectionEngineProvider engines, ILogger<RuleSetActivatedConsumer> logger) : IConsumer<RuleSetActivated>
{
    public async Task Consume(ConsumeContext<RuleSetActivated> context)
    {
        var inUse = await engines.ReloadAsync(context.CancellationToken);
        logger.LogInformation("Rule set {Version} activated by {ActivatedBy}; scanning with {InUse}", context.Message.Version, context.Message.ActivatedBy, inUse);
    }
}
