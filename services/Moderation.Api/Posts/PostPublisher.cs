using MassTransit;
using Moderation.Contracts;
using Moderation.Hosting.Messaging;

namespace Moderation.Api.Posts;

/// <summary>Queues a stored post for scanning, marked as coming from this trusted service.</summary>
internal sealed class PostPublisher(IBus publish, OperatorIdentity identity)
{
    public Task PublishAsync(PostSubmitted post, CancellationToken cancellationToken) =>
        publish.Publish(post, context => identity.StampServiceUser(context), cancellationToken);
}
