namespace Moderation.Onboarding;

/// <summary>Settings of the operators' broker users (<c>Moderation:Broker</c>).</summary>
public sealed class BrokerAccountsOptions
{
    public const string Section = "Moderation:Broker";

    /// <summary>The virtual host operators publish on; by default that of <c>ConnectionStrings:RabbitMq</c>.</summary>
    public string? VirtualHost { get; set; }

    /// <summary>How often users whose rotation overlap has ended are deleted at the broker.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
