using System.Data.Common;
using Dapper;
using Moderation.Storage.Database;
using Moderation.Verdicts.Divisions;

namespace Moderation.Storage.Departments;

/// <summary>The department directory: import, edit, list and route (board division code → department).</summary>
public sealed class DepartmentRepository(ModerationDatabase database, TimeProvider time)
{
    /// <summary>
    /// Creates or updates every department of the list and replaces their endpoints, all or nothing.
    /// Parents named but not in the list must already be in the directory.
    /// </summary>
    public async Task<IReadOnlyList<DepartmentProblem>> ImportAsync(IReadOnlyList<Department> departments, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inList = departments.ToDictionary(d => d.DepartmentId);
        var problems = new List<DepartmentProblem>();
        foreach (var department in departments)
        {
            if (department.ParentId is not { } parentId || inList.ContainsKey(parentId))
            {
                continue;
            }

            var parent = await FindAsync(connection, transaction, parentId, cancellationToken);
            if (parent is null)
            {
                problems.Add(new DepartmentProblem(null, "parent", $"'{department.DepartmentId}' names parent '{parentId}', which is neither in the directory nor being imported"));
            }
            else if (DepartmentFile.ParentProblem(department, parent) is { } problem)
            {
                problems.Add(new DepartmentProblem(null, "parent", problem));
            }
        }

        foreach (var department in departments)
        {
            const string TakenSql = "SELECT department_id FROM departments WHERE division_code = @DivisionCode AND department_id <> @DepartmentId";
            var holder = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(TakenSql, new { department.DivisionCode, department.DepartmentId }, transaction, cancellationToken: cancellationToken));
            if (holder is not null && !inList.ContainsKey(holder))
            {
                problems.Add(new DepartmentProblem(null, "divisionCode", $"{department.DivisionCode} already belongs to department '{holder}' (one department per division code)"));
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        // Parents are linked after every row exists, so the order of the file does not matter.
        var now = time.GetUtcNow();
        foreach (var department in departments.OrderByDescending(d => d.Level))
        {
            await UpsertAsync(connection, transaction, department with { ParentId = null }, now, cancellationToken);
        }

        foreach (var department in departments)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE departments SET parent_id = @ParentId WHERE department_id = @DepartmentId",
                new { department.ParentId, department.DepartmentId }, transaction, cancellationToken: cancellationToken));
            await ReplaceEndpointsAsync(connection, transaction, department, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<Department>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DepartmentRow>(new CommandDefinition(
            "SELECT department_id, name, division_code, level, parent_id FROM departments ORDER BY division_code", cancellationToken: cancellationToken));
        var endpoints = (await connection.QueryAsync<EndpointRow>(new CommandDefinition(
            "SELECT endpoint_id, department_id, kind, address, secret, enabled FROM department_endpoints ORDER BY endpoint_id", cancellationToken: cancellationToken)))
            .ToLookup(e => e.DepartmentId);
        return [.. rows.Select(r => r.ToDepartment(endpoints[r.DepartmentId]))];
    }

    public async Task<Department?> FindAsync(string departmentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, departmentId, cancellationToken);
    }

    /// <summary>The department responsible for <paramref name="divisionCode"/>: at that code, else the nearest above it.</summary>
    public async Task<Department?> RouteAsync(string divisionCode, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await RouteAsync(connection, null, divisionCode, cancellationToken);
    }

    public async Task<DepartmentEndpoint?> FindEndpointAsync(long endpointId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>(new CommandDefinition(
            "SELECT endpoint_id, department_id, kind, address, secret, enabled FROM department_endpoints WHERE endpoint_id = @endpointId",
            new { endpointId }, cancellationToken: cancellationToken));
        return row?.ToEndpoint();
    }

    internal static async Task<Department?> RouteAsync(DbConnection connection, DbTransaction? transaction, string divisionCode, CancellationToken cancellationToken)
    {
        if (!DivisionCode.IsValid(divisionCode))
        {
            return null;
        }

        var walk = DivisionCode.SelfAndAncestors(divisionCode);
        var rows = (await connection.QueryAsync<DepartmentRow>(new CommandDefinition(
            $"SELECT department_id, name, division_code, level, parent_id FROM departments WHERE division_code {SqlList.In(connection, "Walk")}",
            new { Walk = walk.ToArray() }, transaction, cancellationToken: cancellationToken))).ToList();
        var nearest = walk.Select(code => rows.FirstOrDefault(r => r.DivisionCode.Trim() == code)).FirstOrDefault(r => r is not null);
        return nearest is null ? null : nearest.ToDepartment(await EndpointsAsync(connection, transaction, nearest.DepartmentId, cancellationToken));
    }

    internal static async Task<Department?> FindAsync(DbConnection connection, DbTransaction? transaction, string departmentId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<DepartmentRow>(new CommandDefinition(
            "SELECT department_id, name, division_code, level, parent_id FROM departments WHERE department_id = @departmentId",
            new { departmentId }, transaction, cancellationToken: cancellationToken));
        return row?.ToDepartment(await EndpointsAsync(connection, transaction, departmentId, cancellationToken));
    }

    private static async Task<IEnumerable<EndpointRow>> EndpointsAsync(DbConnection connection, DbTransaction? transaction, string departmentId, CancellationToken cancellationToken) =>
        await connection.QueryAsync<EndpointRow>(new CommandDefinition(
            "SELECT endpoint_id, department_id, kind, address, secret, enabled FROM department_endpoints WHERE department_id = @departmentId ORDER BY endpoint_id",
            new { departmentId }, transaction, cancellationToken: cancellationToken));

    private static Task UpsertAsync(DbConnection connection, DbTransaction transaction, Department department, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO departments (department_id, name, division_code, level, parent_id, created_at, updated_at)
            VALUES (@DepartmentId, @Name, @DivisionCode, @Level, @ParentId, @Now, @Now)
            ON CONFLICT (department_id) DO UPDATE
               SET name = excluded.name, division_code = excluded.division_code, level = excluded.level, updated_at = excluded.updated_at
            """;
        return connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            department.DepartmentId,
            department.Name,
            department.DivisionCode,
            Level = department.Level.ToString(),
            department.ParentId,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
    }

    private static async Task ReplaceEndpointsAsync(DbConnection connection, DbTransaction transaction, Department department, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Upsert = """
            INSERT INTO department_endpoints (department_id, kind, address, secret, enabled, created_at)
            VALUES (@DepartmentId, @Kind, @Address, @Secret, @Enabled, @Now)
            ON CONFLICT (department_id, kind, address) DO UPDATE SET secret = excluded.secret, enabled = excluded.enabled
            RETURNING endpoint_id
            """;
        var kept = new List<long>();
        foreach (var endpoint in department.Endpoints)
        {
            kept.Add(await connection.ExecuteScalarAsync<long>(new CommandDefinition(Upsert, new
            {
                department.DepartmentId,
                Kind = endpoint.Kind.ToString(),
                endpoint.Address,
                endpoint.Secret,
                endpoint.Enabled,
                Now = now,
            }, transaction, cancellationToken: cancellationToken)));
        }

        // Endpoints no longer listed stop receiving; rows are kept disabled so old notifications still name them.
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE department_endpoints SET enabled = @Disabled WHERE department_id = @DepartmentId AND NOT (endpoint_id {SqlList.In(connection, "Kept")})",
            new { department.DepartmentId, Kept = kept.DefaultIfEmpty(-1).ToArray(), Disabled = false }, transaction, cancellationToken: cancellationToken));
    }

    private sealed class DepartmentRow
    {
        public string DepartmentId { get; init; } = "";

        public string Name { get; init; } = "";

        public string DivisionCode { get; init; } = "";

        public string Level { get; init; } = "";

        public string? ParentId { get; init; }

        public Department ToDepartment(IEnumerable<EndpointRow> endpoints) => new()
        {
            DepartmentId = DepartmentId,
            Name = Name,
            DivisionCode = DivisionCode.Trim(),
            Level = Enum.Parse<DivisionLevel>(Level),
            ParentId = ParentId,
            Endpoints = [.. endpoints.Select(e => e.ToEndpoint())],
        };
    }

    private sealed class EndpointRow
    {
        public long EndpointId { get; init; }

        public string DepartmentId { get; init; } = "";

        public string Kind { get; init; } = "";

        public string Address { get; init; } = "";

        public string? Secret { get; init; }

        public bool Enabled { get; init; }

        public DepartmentEndpoint ToEndpoint() => new()
        {
            EndpointId = EndpointId,
            Kind = Enum.Parse<EndpointKind>(Kind),
            Address = Address,
            Secret = Secret,
            Enabled = Enabled,
        };
    }
}
