using MassTransit;
using Moderation.Contracts;

namespace Moderation.Scanner.Models;

/// <summary>Every scanner instance receives the notice and reloads from the registry at once.</summary>
internal sealed class ModelActivatedConsumer(ModelProvider models, ILogger<ModelActivatedConsumer> logger) : IConsumer<ModelActivated>
{
    public async Task Consume(ConsumeContext<ModelActivated> context)
    {
        var inUse = await models.ReloadAsync(context.CancellationToken);
        logger.LogInformation("Model change {Change} to {Version} by {ActivatedBy}; scoring with {InUse}",
            context.Message.Change, context.Message.Version, context.Message.ActivatedBy, inUse ?? "no model");
    }
}
