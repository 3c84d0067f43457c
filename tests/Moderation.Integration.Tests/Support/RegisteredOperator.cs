using Moderation.Onboarding;

namespace Moderation.Integration.Tests.Support;

/// <summary>An operator registered through the Api: its first board, the application that approved it, and the credentials collected for it.</summary>
public sealed record RegisteredOperator(BrokerOperator Operator, string BoardId, string ApplicationId, IssuedCredentials Credentials)
{
    public string OperatorId => Operator.OperatorId;

    public string VerdictQueue => Operator.VerdictQueue;
}
