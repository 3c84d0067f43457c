using Moderation.Storage.Departments;

namespace Moderation.Api.Departments;

/// <summary>A department as the API shows it: endpoint secrets are never returned, only whether one is set.</summary>
public sealed record DepartmentView(string Id, string Name, string DivisionCode, string Level, string? Parent, IReadOnlyList<EndpointView> Endpoints)
{
    public static DepartmentView From(Department department) => new(
        department.DepartmentId,
        department.Name,
        department.DivisionCode,
        department.Level.ToString(),
        department.ParentId,
        [.. department.Endpoints.Select(e => new EndpointView(e.EndpointId, e.Kind.ToString().ToLowerInvariant(), e.Address, e.Secret is not null, e.Enabled))]);
}
