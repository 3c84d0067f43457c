using RabbitMQ.Client;

namespace Moderation.Cli.Load;

/// <summary>Connections to the broker as an operator's issued user, at the broker address the load was given.</summary>
public static class ForumConnections
{
    public static Task<IConnection> ConnectAsync(Uri broker, LoadOperator op, string purpose, CancellationToken cancellationToken)
    {
        if (op.BrokerUser is null || op.BrokerPassword is null)
        {
            throw new InvalidOperationException($"Operator {op.OperatorId} was issued no broker user: the Api runs without a broker (no ConnectionStrings:RabbitMqManagement).");
        }

        var factory = new ConnectionFactory
        {
            Uri = broker,
            UserName = op.BrokerUser,
            Password = op.BrokerPassword,
            ClientProvidedName = $"moderation-{purpose}-{op.OperatorId}",
        };
        return factory.CreateConnectionAsync(cancellationToken);
    }
}
