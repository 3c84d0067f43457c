using System.Text.RegularExpressions;
using Moderation.Contracts;

namespace Moderation.Onboarding;

/// <summary>
/// What a forum operator's broker user may do, as RabbitMQ permission patterns: write to the
/// exchanges of the messages forums send (posts, withdrawals, completed takedowns), read and
/// declare its own verdict queue, and nothing else. Publishing as another user is refused by the
/// broker itself (<c>user_id</c> must be the connection's user; the user has no impersonator tag).
/// </summary>
public sealed record BrokerPermissions(string Configure, string Write, string Read, IReadOnlyList<TopicPermission> Topics)
{
    /// <summary>The exchanges a forum publishes to, named as MassTransit names a contract's exchange.</summary>
    public static IReadOnlyList<string> ForumExchanges { get; } =
        [ExchangeOf<PostSubmitted>(), ExchangeOf<PostWithdrawn>(), ExchangeOf<TakedownCompleted>()];

    public static BrokerPermissions For(BrokerOperator forumOperator)
    {
        ArgumentNullException.ThrowIfNull(forumOperator);
        // Its own queue only: it may declare it before the first verdict, and read it.
        var ownQueue = $"^{Regex.Escape(forumOperator.VerdictQueue)}$";
        var exchanges = $"^({string.Join('|', ForumExchanges.Select(Regex.Escape))})$";
        // The contract exchanges are fanout and their routing key is empty: should one ever be a
        // topic exchange, no routing key could reach another binding.
        var topics = ForumExchanges.Select(e => new TopicPermission(e, Write: "^$", Read: "^$")).ToList();
        return new BrokerPermissions(Configure: ownQueue, Write: exchanges, Read: ownQueue, topics);
    }

    private static string ExchangeOf<T>() => $"{typeof(T).Namespace}:{typeof(T).Name}";
}

/// <summary>Which routing keys the user may publish with (and bind with) on one topic exchange.</summary>
public sealed record TopicPermission(string Exchange, string Write, string Read);
