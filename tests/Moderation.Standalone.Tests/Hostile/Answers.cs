using System.Net;
using System.Text.RegularExpressions;

namespace Moderation.Standalone.Tests.Hostile;

/// <summary>What no answer to hostile input may be: a server error, or a page that shows the code behind it.</summary>
internal static partial class Answers
{
    /// <summary>Why <paramref name="text"/>, answered with <paramref name="status"/>, gives away a fault; null when it does not.</summary>
    public static string? Fault(HttpStatusCode status, string text)
    {
        if ((int)status >= 500)
        {
            return $"{(int)status} {text[..Math.Min(text.Length, 400)]}";
        }

        return StackTrace().Match(text) is { Success: true } frame ? $"a stack trace or exception name in the answer: '{frame.Value}'" : null;
    }

    /// <summary>Throws unless the answer is free of faults; returns its text.</summary>
    public static async Task<string> CleanAsync(HttpResponseMessage response, string request)
    {
        var text = await response.Content.ReadAsStringAsync();
        Fault(response.StatusCode, text).Should().BeNull($"{request} must be answered without a server error or a stack trace");
        return text;
    }

    // A .NET stack frame ("at Moderation.X.Y(...)", "at Program.<Main>$(...)"), an exception's type name, or the driver's own words.
    // The type name is looked for from the start of a word only: "\w+Exception" alone is tried from every
    // position of a long word and backtracks over the rest of it each time, quadratic in the word's length,
    // and an answer can echo a generated value of up to 200,000 characters.
    [GeneratedRegex(@"\bat (System|Microsoft|Moderation|Npgsql|Dapper|MassTransit|Program)\.[\w.`<>$]+\(|\b\w+Exception\b|Npgsql|SQLite Error|SqlState", RegexOptions.CultureInvariant)]
    private static partial Regex StackTrace();
}
