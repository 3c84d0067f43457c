namespace Moderation.Api.Departments;

public sealed record ImportResult(int Departments);
