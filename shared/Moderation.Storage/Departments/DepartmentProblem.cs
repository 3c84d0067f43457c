namespace Moderation.Storage.Departments;

/// <summary>Why a department definition was refused: the line of the file (when read from one), the field, the reason.</summary>
public sealed record DepartmentProblem(int? Line, string Field, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}, {Field}: {Message}" : $"{Field}: {Message}";
}
