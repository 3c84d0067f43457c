namespace Moderation.Intake;

/// <summary>One thing wrong with a submitted post: the JSON field and what to do about it.</summary>
public sealed record PostProblem(string Field, string Message);
