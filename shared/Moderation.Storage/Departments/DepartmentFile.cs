using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using Moderation.Verdicts.Divisions;
using Moderation.Webhooks;

namespace Moderation.Storage.Departments;

/// <summary>
/// The department directory's file format: JSON Lines, one department per line, parents before or
/// after their children (blank lines and lines starting with <c>#</c> are skipped):
/// <code>
/// {"id":"bj-chaoyang","name":"…","divisionCode":"110105","parent":"bj","endpoints":[
///   {"kind":"webhook","url":"https://…","secret":"whsec_…"},{"kind":"email","address":"…"},{"kind":"amqp","queue":"…"}]}
/// </code>
/// Every problem names the line and the field; a file with any problem imports nothing.
/// </summary>
public static partial class DepartmentFile
{
    public const int MaxNameLength = 200;

    public static (IReadOnlyList<Department> Departments, IReadOnlyList<DepartmentProblem> Problems) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var departments = new List<(int Line, Department Department)>();
        var problems = new List<DepartmentProblem>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                problems.Add(new DepartmentProblem(lineNumber, "(line)", $"not valid JSON ({ex.Message.Split(" LineNumber", 2)[0]}); each line holds one department object"));
                continue;
            }

            using (document)
            {
                var (department, lineProblems) = ParseOne(document.RootElement, lineNumber);
                problems.AddRange(lineProblems);
                if (department is not null)
                {
                    departments.Add((lineNumber, department));
                }
            }
        }

        CheckAcrossLines(departments, problems);
        return ([.. departments.Select(d => d.Department)], problems);
    }

    /// <summary>One department object (a line of the file, or the body of an API request).</summary>
    public static (Department? Department, IReadOnlyList<DepartmentProblem> Problems) ParseOne(JsonElement element, int? line)
    {
        var problems = new List<DepartmentProblem>();
        void Problem(string field, string message) => problems.Add(new DepartmentProblem(line, field, message));
        if (element.ValueKind != JsonValueKind.Object)
        {
            Problem("(line)", "a department is a JSON object with id, name, divisionCode, parent and endpoints");
            return (null, problems);
        }

        var id = Text(element, "id");
        if (id is null || !IdPattern().IsMatch(id))
        {
            Problem("id", id is null ? "required: a stable identifier such as \"bj-chaoyang\"" : $"'{id}' may only hold lower-case letters, digits, '.', '_' and '-' (at most 64)");
        }

        var name = Text(element, "name");
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            Problem("name", name is null ? "required: the department's name" : $"must be 1 to {MaxNameLength} characters");
        }

        var code = Text(element, "divisionCode");
        if (DivisionCode.Problem(code) is { } codeProblem)
        {
            Problem("divisionCode", codeProblem);
        }

        var level = code is not null && DivisionCode.IsValid(code) ? DivisionCode.LevelOf(code) : DivisionLevel.County;
        if (Text(element, "level") is { } declared && DivisionCode.IsValid(code) &&
            (!Enum.TryParse<DivisionLevel>(declared, ignoreCase: true, out var declaredLevel) || declaredLevel != level))
        {
            Problem("level", $"'{declared}' does not match division code {code}, which is {level} level (the level follows from the code; leave it out)");
        }

        var parent = Text(element, "parent");
        if (parent is not null && parent == id)
        {
            Problem("parent", "a department cannot be its own parent");
        }

        var endpoints = new List<DepartmentEndpoint>();
        if (element.TryGetProperty("endpoints", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                Problem("endpoints", "must be an array of {kind, …} objects");
            }
            else
            {
                var index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (ParseEndpoint(item, $"endpoints[{index}]", Problem) is { } endpoint)
                    {
                        endpoints.Add(endpoint);
                    }

                    index++;
                }
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new Department
        {
            DepartmentId = id!,
            Name = name!.Trim(),
            DivisionCode = code!,
            Level = level,
            ParentId = parent,
            Endpoints = endpoints,
        }, problems);
    }

    /// <summary>Null when the parent relation is sound: the parent's area contains the child's and lies above it.</summary>
    public static string? ParentProblem(Department child, Department parent) =>
        parent.Level <= child.Level
            ? $"'{parent.DepartmentId}' ({parent.DivisionCode}, {parent.Level}) is not above {child.DivisionCode} ({child.Level})"
            : !DivisionCode.Covers(parent.DivisionCode, child.DivisionCode)
                ? $"'{parent.DepartmentId}' ({parent.DivisionCode}) does not cover {child.DivisionCode}"
                : null;

    private static DepartmentEndpoint? ParseEndpoint(JsonElement item, string field, Action<string, string> problem)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problem(field, "an endpoint is an object: {\"kind\":\"webhook\",\"url\":…,\"secret\":…}, {\"kind\":\"email\",\"address\":…} or {\"kind\":\"amqp\",\"queue\":…}");
            return null;
        }

        var kindText = Text(item, "kind");
        if (!Enum.TryParse<EndpointKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
        {
            problem($"{field}.kind", $"'{kindText}' is not one of webhook, email, amqp");
            return null;
        }

        var enabled = !item.TryGetProperty("enabled", out var on) || on.ValueKind != JsonValueKind.False;
        switch (kind)
        {
            case EndpointKind.Webhook:
                var url = Text(item, "url");
                var secret = Text(item, "secret");
                var ok = true;
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    problem($"{field}.url", $"'{url}' is not an absolute http(s) URL");
                    ok = false;
                }

                if (WebhookSecret.Problem(secret) is { } secretProblem)
                {
                    problem($"{field}.secret", secretProblem);
                    ok = false;
                }

                return ok ? new DepartmentEndpoint { Kind = kind, Address = uri!.ToString(), Secret = secret, Enabled = enabled } : null;
            case EndpointKind.Email:
                var address = Text(item, "address");
                if (address is null || !MailAddress.TryCreate(address, out var mail) || mail.Address != address)
                {
                    problem($"{field}.address", $"'{address}' is not an e-mail address");
                    return null;
                }

                return new DepartmentEndpoint { Kind = kind, Address = address, Enabled = enabled };
            default:
                var queue = Text(item, "queue");
                if (queue is null || !QueuePattern().IsMatch(queue))
                {
                    problem($"{field}.queue", $"'{queue}' is not a queue name (letters, digits, '.', '_', '-', ':', at most 200)");
                    return null;
                }

                return new DepartmentEndpoint { Kind = kind, Address = queue, Enabled = enabled };
        }
    }

    private static void CheckAcrossLines(List<(int Line, Department Department)> departments, List<DepartmentProblem> problems)
    {
        var byId = new Dictionary<string, (int Line, Department Department)>();
        var byCode = new Dictionary<string, int>();
        foreach (var entry in departments)
        {
            if (!byId.TryAdd(entry.Department.DepartmentId, entry))
            {
                problems.Add(new DepartmentProblem(entry.Line, "id", $"'{entry.Department.DepartmentId}' is already defined on line {byId[entry.Department.DepartmentId].Line}"));
            }

            if (!byCode.TryAdd(entry.Department.DivisionCode, entry.Line))
            {
                problems.Add(new DepartmentProblem(entry.Line, "divisionCode", $"{entry.Department.DivisionCode} already has a department, on line {byCode[entry.Department.DivisionCode]} (one department per division code)"));
            }
        }

        foreach (var (line, department) in departments)
        {
            if (department.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) && ParentProblem(department, parent.Department) is { } problem)
            {
                problems.Add(new DepartmentProblem(line, "parent", problem));
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,200}$")]
    private static partial Regex QueuePattern();
}
