using System.Net;
using System.Text.Json;

namespace Moderation.Standalone.Tests.Input;

/// <summary>Reads a 400 problem and checks what every one must say: the field in the contract's words, never a .NET type.</summary>
internal static class Problems
{
    /// <summary>The messages the problem lists for <paramref name="field"/>, after checking it is a 400 that names no .NET type.</summary>
    public static async Task<string> ForAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        text.Should().NotContainAny("System.", "Moderation.", "Int32", "Int64", "Implicit body", "parameter \"", "DecisionBody", "is missing\"")
            .And.NotContain("\\u0000", "a refused value is never echoed with its NUL");
        using var problem = JsonDocument.Parse(text);
        var errors = problem.RootElement.GetProperty("errors");
        errors.TryGetProperty(field, out var messages).Should().BeTrue($"the problem should name {field}: {text}");
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>
    /// The text of a 400 answered to a page request: a page a person reads (HTML, not raw JSON), saying
    /// what was refused; after checking it names no .NET type.
    /// </summary>
    public static async Task<string> OnPageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html", text);
        text.Should().StartWith("<!DOCTYPE html>").And.NotContainAny("System.", "Moderation.", "Int32", "\u0000");
        return text;
    }
}
