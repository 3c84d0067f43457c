namespace Moderation.Api.Departments;

/// <summary>One delivery endpoint without its secret.</summary>
public sealed record EndpointView(long Id, string Kind, string Address, bool HasSecret, bool Enabled);
