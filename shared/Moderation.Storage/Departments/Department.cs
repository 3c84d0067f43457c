using Moderation.Verdicts.Divisions;

namespace Moderation.Storage.Departments;

/// <summary>A security department responsible for the area of its division code and everything below it.</summary>
public sealed record Department
{
    public required string DepartmentId { get; init; }

    public required string Name { get; init; }

    public required string DivisionCode { get; init; }

    public DivisionLevel Level { get; init; }

    public string? ParentId { get; init; }

    public IReadOnlyList<DepartmentEndpoint> Endpoints { get; init; } = [];
}
