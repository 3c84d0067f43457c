using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Moderation.Contracts;

namespace Moderation.Hosting;

/// <summary>
/// Says why a request could not be read in the contract's words: the field as the JSON or the query
/// string names it and the kind of value expected ("a whole number", "text in quotes"), never a .NET
/// type or parameter of the code behind the endpoint.
/// </summary>
internal static partial class BadRequestWording
{
    /// <summary>
    /// The field the problem is in (null when it is the body as a whole) and what to do.
    /// <paramref name="bodyType"/> is the type the endpoint reads its body as, to say what kind of value a field takes.
    /// </summary>
    public static (string? Field, string Message) Describe(BadHttpRequestException badRequest, Type? bodyType)
    {
        if (badRequest.InnerException is JsonException json)
        {
            return DescribeJson(json, bodyType);
        }

        var message = badRequest.Message;
        if (FailedToBind().Match(message) is { Success: true } bind)
        {
            var field = bind.Groups["name"].Value;
            return (field, $"{field} '{WireText.Printable(bind.Groups["value"].Value)}' is not {Kind(bind.Groups["type"].Value)}.");
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            var source = missing.Groups["source"].Value;
            if (source == "body")
            {
                return (null, NoBody);
            }

            var field = missing.Groups["name"].Value;
            return (field, $"{field} is missing: send it in the {source}, as {Kind(missing.Groups["type"].Value)}.");
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || message.StartsWith("Unexpected request without body", StringComparison.Ordinal))
        {
            return (null, NoBody);
        }

        if (message.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal))
        {
            return (null, "The body must be JSON: send it with Content-Type: application/json.");
        }

        return (null, message);
    }

    private const string NoBody = "The request has no body: send a JSON object with Content-Type: application/json.";

    private static (string? Field, string Message) DescribeJson(JsonException json, Type? bodyType)
    {
        var field = Field(json.Path);
        var where = json.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {json.BytePositionInLine + 1})")
            : "";
        var name = field ?? "the body";

        if (json is RefusedTextException refused)
        {
            return (field, refused.Describe(name) + where);
        }

        var message = json.Message;
        if (message.Contains("could not be converted to", StringComparison.Ordinal))
        {
            // The type in the reader's message may be the object holding the field, so the field's own type is looked up.
            var kind = TypeAt(bodyType, json.Path) is { } type ? KindOf(type) : "of the kind the API documents for it";
            return (field, field is null ? $"The body must be {kind}{where}." : $"{field} must be {kind}{where}.");
        }

        if (message.Contains("uplicate", StringComparison.Ordinal))
        {
            var property = QuotedName().Match(message) is { Success: true } quoted ? quoted.Groups[1].Value : field;
            var duplicated = field is not null && property is not null && !field.EndsWith(property, StringComparison.OrdinalIgnoreCase) ? $"{field}.{property}" : property ?? field ?? "a property";
            return (duplicated, $"{duplicated} appears more than once{where}: send each property once (which one to believe would be a guess).");
        }

        var pathAt = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (pathAt < 0)
        {
            // Our own converters' messages (a time without offset): a predicate that follows the field's name.
            return (field, $"{name} {message}{where}");
        }

        // The reader's own message: where the text stops being JSON.
        return (field, $"The body is not valid JSON{where}{(field is null ? "" : $" in {field}")}: {message[..pathAt]}");
    }

    /// <summary>"$.source.outlet" as "source.outlet", "$.caseIds[2]" as "caseIds[2]"; null for the body itself.</summary>
    private static string? Field(string? path) => path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The type read at a JSON path ("$.caseIds[2]") of a body of <paramref name="bodyType"/>; null when it cannot be told.</summary>
    private static Type? TypeAt(Type? bodyType, string? path)
    {
        if (bodyType is null || path is null || !path.StartsWith('$'))
        {
            return null;
        }

        var type = bodyType;
        foreach (var step in PathSteps().Matches(path[1..]).Select(m => m.Value))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (step.StartsWith('['))
            {
                type = type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
            }
            else
            {
                var name = step.TrimStart('.');
                type = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        return type;
    }

    private static string KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type.IsPrimitive || type == typeof(decimal) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(TimeSpan) || type == typeof(Guid))
        {
            return Kind(type.Name);
        }

        if (type.IsEnum)
        {
            return $"one of {string.Join(", ", Enum.GetNames(type))}";
        }

        return type != typeof(string) && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) ? "a list in [ ]" : "a JSON object in { }";
    }

    /// <summary>The kind of JSON value a type reads, in words.</summary>
    private static string Kind(string type)
    {
        var name = NullableOf().Match(type) is { Success: true } inner ? inner.Groups[1].Value : type.TrimEnd('?');
        name = name[(name.LastIndexOf('.') + 1)..];
        return name switch
        {
            "int" or "long" or "short" or "byte" or "uint" or "ulong" or "Int16" or "Int32" or "Int64" or "UInt32" or "UInt64" or "Byte" => "a whole number",
            "double" or "float" or "decimal" or "Double" or "Single" or "Decimal" => "a number",
            "bool" or "Boolean" => "true or false",
            "string" or "String" => "text in quotes",
            "DateTimeOffset" or "DateTime" => "a time in ISO-8601 with an offset, in quotes",
            "TimeSpan" => "a duration such as 01:30:00, in quotes",
            "Guid" => "a UUID in quotes",
            _ when name.EndsWith(']') || name.StartsWith("List", StringComparison.Ordinal) || name.StartsWith("IReadOnlyList", StringComparison.Ordinal) => "a list in [ ]",
            _ => "a JSON object in { }",
        };
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided from (?<source>[^.]+)\\.$")]
    private static partial Regex NotProvided();

    [GeneratedRegex(@"\.[^.\[]+|\[[^\]]*\]")]
    private static partial Regex PathSteps();

    [GeneratedRegex("(?:Nullable`1\\[\\[?|Nullable<)([^,\\]>]+)")]
    private static partial Regex NullableOf();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();
}
