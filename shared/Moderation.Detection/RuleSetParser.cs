using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Moderation.Detection.Matching;
using Moderation.Detection.Normalization;

namespace Moderation.Detection;

/// <summary>
/// Reads the rule set JSON by hand rather than through a serializer, so every error can name the rule
/// it is in and say what an administrator has to change.
/// </summary>
internal static partial class RuleSetParser
{
    // Patterns are validated on the non-backtracking engine, which keeps matching linear whatever an
    // administrator writes: each pattern must be able to run there (PatternMatcher).
    internal const RegexOptions PatternOptions =
        RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    private static readonly HashSet<string> s_setProperties = ["version", "policy", "rules"];
    private static readonly HashSet<string> s_policyProperties = ["hold", "remove", "model", "removeRequires"];
    private static readonly HashSet<string> s_modelProperties = ["baseRate", "hold"];
    private static readonly HashSet<string> s_removeProperties = ["corroboratingCategories", "strongWeight", "independentCategories"];
    private static readonly HashSet<string> s_ruleProperties =
        ["id", "category", "kind", "weight", "description", "terms", "pattern", "context", "scope", "writtenAs"];
    private static readonly HashSet<string> s_contextProperties = ["categories", "window", "weight"];

    public static RuleSet Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new RuleSetException(null, $"Rule set is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw SetError("must be a JSON object with 'version' and 'rules'");
            }

            RejectUnknown(root, s_setProperties, "Rule set", ruleId: null);
            string version = root.TryGetProperty("version", out JsonElement v) && v.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(v.GetString())
                ? v.GetString()!
                : throw SetError("'version' must be a non-empty string");

            // The version names the set in URLs, the database and every verdict: an id, never a path or a control character.
            if (!VersionPattern().IsMatch(version))
            {
                throw SetError($"'version' '{Printable(version)}' must be 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit (such as 2026.12-1)");
            }

            if (!root.TryGetProperty("rules", out JsonElement rulesElement) || rulesElement.ValueKind != JsonValueKind.Array)
            {
                throw SetError("'rules' must be an array");
            }

            if (rulesElement.GetArrayLength() == 0)
            {
                throw SetError("'rules' is empty; a rule set needs at least one rule");
            }

            var rules = new List<Rule>(rulesElement.GetArrayLength());
            var ids = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (JsonElement ruleElement in rulesElement.EnumerateArray())
            {
                Rule rule = ParseRule(ruleElement, index++);
                if (!ids.Add(rule.Id))
                {
                    throw new RuleSetException(rule.Id, $"Rule '{rule.Id}': the id is used by an earlier rule; ids must be unique.");
                }

                rules.Add(rule);
            }

            ScanPolicy policy = root.TryGetProperty("policy", out JsonElement policyElement) ? ParsePolicy(policyElement) : ScanPolicy.Default;
            return new RuleSet(version, rules, policy);
        }
    }

    /// <summary>The optional <c>policy</c> object; every property left out keeps its <see cref="ScanPolicy.Default"/>.</summary>
    private static ScanPolicy ParsePolicy(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw SetError("'policy' must be an object with 'hold', 'remove', 'model' and 'removeRequires'");
        }

        RejectUnknown(element, s_policyProperties, "Rule set policy", ruleId: null);
        ScanPolicy defaults = ScanPolicy.Default;
        double hold = OptionalFraction(element, "hold", "policy.hold") ?? defaults.Thresholds.Hold;
        double remove = OptionalFraction(element, "remove", "policy.remove") ?? defaults.Thresholds.Remove;
        if (remove < hold)
        {
            throw SetError($"'policy.remove' ({remove}) must be at least 'policy.hold' ({hold})");
        }

        double baseRate = defaults.ModelBaseRate;
        double modelHold = defaults.ModelHold;
        if (OptionalObject(element, "model", s_modelProperties, "an object such as { \"baseRate\": 0.001, \"hold\": 0.02 }") is { } model)
        {
            baseRate = OptionalFraction(model, "baseRate", "policy.model.baseRate") ?? baseRate;
            modelHold = OptionalFraction(model, "hold", "policy.model.hold") ?? modelHold;
            if (baseRate >= 1)
            {
                throw SetError("'policy.model.baseRate' is the share of leaks among all posts (0.001 is one in a thousand); it must be below 1");
            }
        }

        IReadOnlyList<string> categories = defaults.CorroboratingCategories;
        double strong = defaults.StrongWeight;
        int independent = defaults.IndependentCategories;
        if (OptionalObject(element, "removeRequires", s_removeProperties, "an object with 'corroboratingCategories', 'strongWeight' and 'independentCategories'") is { } requires)
        {
            if (requires.TryGetProperty("corroboratingCategories", out JsonElement list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw SetError("'policy.removeRequires.corroboratingCategories' must be an array of categories");
                }

                var names = new List<string>();
                foreach (JsonElement item in list.EnumerateArray())
                {
                    string name = item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
                    if (RuleCategories.BitOf(name) == 0 || name is RuleCategories.PublicRelease or RuleCategories.Discussion)
                    {
                        throw SetError($"'policy.removeRequires.corroboratingCategories' has '{item}', which is not a category that can corroborate; expected one of {string.Join(", ", RuleCategories.All.Where(c => c is not (RuleCategories.PublicRelease or RuleCategories.Discussion)))}");
                    }

                    names.Add(name);
                }

                categories = names;
            }

            strong = OptionalFraction(requires, "strongWeight", "policy.removeRequires.strongWeight") ?? strong;
            if (requires.TryGetProperty("independentCategories", out JsonElement count))
            {
                independent = count.TryGetInt32(out int n) && n >= 2
                    ? n
                    : throw SetError("'policy.removeRequires.independentCategories' must be a whole number, 2 or more (one category alone is what a corroborating category is for)");
            }
        }

        return new ScanPolicy(new DecisionThresholds(hold, remove), baseRate, modelHold, categories, strong, independent);
    }

    /// <summary>The policy's sub-object <paramref name="property"/> when present, checked for its shape and known properties.</summary>
    private static JsonElement? OptionalObject(JsonElement policy, string property, HashSet<string> known, string expected)
    {
        if (!policy.TryGetProperty(property, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw SetError($"'policy.{property}' must be {expected}");
        }

        RejectUnknown(value, known, $"Rule set policy.{property}", ruleId: null);
        return value;
    }

    private static double? OptionalFraction(JsonElement element, string property, string label)
    {
        if (!element.TryGetProperty(property, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number) && number is > 0 and <= 1
            ? number
            : throw SetError($"'{label}' must be a number greater than 0 and at most 1, found {value}");
    }

    /// <summary><c>"global"</c> (the default) or the six-digit division code of a department's area.</summary>
    private static string? ParseScope(JsonElement element, string id)
    {
        if (!element.TryGetProperty("scope", out JsonElement scope))
        {
            return null;
        }

        string? value = scope.ValueKind == JsonValueKind.String ? scope.GetString() : null;
        return value switch
        {
            "global" => null,
            _ when DivisionCodeForm.IsWellFormed(value) => value,
            _ => throw RuleError(id, "'scope' must be \"global\" or a six-digit administrative division code (GB/T 2260) such as \"110000\""),
        };
    }

    /// <summary>Optional <c>"any"</c> (the default), <c>"disguise"</c> or <c>"capitals"</c> (<see cref="TermWriting"/>).</summary>
    private static TermWriting ParseWrittenAs(JsonElement element, string id)
    {
        if (!element.TryGetProperty("writtenAs", out JsonElement value))
        {
            return TermWriting.Any;
        }

        return (value.ValueKind == JsonValueKind.String ? value.GetString() : null) switch
        {
            "any" => TermWriting.Any,
            "disguise" => TermWriting.Disguise,
            "capitals" => TermWriting.Capitals,
            _ => throw RuleError(id, $"'writtenAs' must be \"any\", \"disguise\" or \"capitals\", found {value}"),
        };
    }

    private static Rule ParseRule(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RuleSetException(null, $"Rule at index {index}: must be a JSON object.");
        }

        string id = element.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()!
            : throw new RuleSetException(null, $"Rule at index {index}: 'id' must be a string.");
        if (!IdFormat().IsMatch(id))
        {
            throw new RuleSetException(id, $"Rule at index {index}: id '{id}' must be kebab-case (lower-case letters and digits separated by '-').");
        }

        RejectUnknown(element, s_ruleProperties, $"Rule '{id}'", id);

        string category = RequiredString(element, "category", id);
        if (RuleCategories.BitOf(category) == 0)
        {
            throw RuleError(id, $"unknown category '{category}'; expected one of {string.Join(", ", RuleCategories.All)}");
        }

        double weight = Weight(element, "weight", id, "'weight'");
        string description = RequiredString(element, "description", id);
        RuleContext? context = element.TryGetProperty("context", out JsonElement contextElement)
            ? ParseContext(contextElement, id)
            : null;
        if (context is not null && context.Categories.Contains(category))
        {
            // Otherwise a rule firing in both title and body would raise its own weight.
            throw RuleError(id, $"'context.categories' must not include the rule's own category '{category}'");
        }

        string? scope = ParseScope(element, id);
        TermWriting writtenAs = ParseWrittenAs(element, id);
        string kind = RequiredString(element, "kind", id);
        switch (kind)
        {
            case "terms":
                RejectPresent(element, "pattern", id, "'pattern' belongs to rules of kind 'pattern'");
                (IReadOnlyList<string> terms, IReadOnlyList<string> normalized) = ParseTerms(element, id);
                return new Rule(id, category, RuleKind.Terms, weight, description, terms, normalized, null, context, scope, writtenAs);
            case "pattern":
                RejectPresent(element, "terms", id, "'terms' belongs to rules of kind 'terms'");
                RejectPresent(element, "writtenAs", id, "'writtenAs' belongs to rules of kind 'terms'");
                string pattern = ParsePattern(element, id);
                return new Rule(id, category, RuleKind.Pattern, weight, description, [], [], pattern, context, scope);
            default:
                throw RuleError(id, $"unknown kind '{kind}'; expected 'terms' or 'pattern'");
        }
    }

    private static (IReadOnlyList<string> Terms, IReadOnlyList<string> Normalized) ParseTerms(JsonElement element, string id)
    {
        if (!element.TryGetProperty("terms", out JsonElement termsElement) || termsElement.ValueKind != JsonValueKind.Array
            || termsElement.GetArrayLength() == 0)
        {
            throw RuleError(id, "'terms' must be a non-empty array of strings");
        }

        var terms = new List<string>();
        var normalized = new List<string>();
        foreach (JsonElement term in termsElement.EnumerateArray())
        {
            string text = term.ValueKind == JsonValueKind.String
                ? term.GetString()!
                : throw RuleError(id, "'terms' must contain only strings");
            string folded = TextNormalizer.NormalizeToString(text.Trim());
            if (folded.Length == 0)
            {
                throw RuleError(id, $"term '{text}' is empty after normalisation");
            }

            terms.Add(text);
            normalized.Add(folded);
        }

        return (terms, normalized);
    }

    private static string ParsePattern(JsonElement element, string id)
    {
        string pattern = element.TryGetProperty("pattern", out JsonElement p) && p.ValueKind == JsonValueKind.String
            && p.GetString()!.Length > 0
            ? p.GetString()!
            : throw RuleError(id, "'pattern' must be a non-empty string");

        // Patterns are matched against normalised text, so a character the normaliser always rewrites
        // (a full-width colon, an ideographic space) can never match; say so instead of failing silently.
        foreach (char c in pattern)
        {
            if (CharFolding.IsRewritten(c))
            {
                string instead = TextNormalizer.NormalizeToString([c]);
                throw RuleError(id, instead.Length == 0
                    ? $"pattern contains the invisible character U+{(int)c:X4}, which normalised text never contains"
                    : $"pattern contains '{c}' (U+{(int)c:X4}), which normalised text never contains; write '{instead}' instead");
            }
        }

        Regex regex;
        try
        {
            regex = new Regex(pattern, PatternOptions);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: constructs the non-backtracking engine lacks (lookarounds, backreferences).
            throw new RuleSetException(id, $"Rule '{id}': pattern does not compile: {ex.Message}", ex);
        }

        if (regex.IsMatch(string.Empty))
        {
            throw RuleError(id, "pattern matches the empty string, so it would fire on every post");
        }

        // Validated on the non-backtracking engine, which every pattern must be able to fall back to;
        // the rule's matchers then pick the engine that runs each of its branches (PatternMatcher).
        return pattern;
    }

    private static RuleContext ParseContext(JsonElement element, string id)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw RuleError(id, "'context' must be an object with 'categories', 'window' and 'weight'");
        }

        RejectUnknown(element, s_contextProperties, $"Rule '{id}' context", id);
        if (!element.TryGetProperty("categories", out JsonElement categoriesElement)
            || categoriesElement.ValueKind != JsonValueKind.Array || categoriesElement.GetArrayLength() == 0)
        {
            throw RuleError(id, "'context.categories' must be a non-empty array of categories");
        }

        var categories = new List<string>();
        foreach (JsonElement category in categoriesElement.EnumerateArray())
        {
            string name = category.ValueKind == JsonValueKind.String ? category.GetString()! : string.Empty;
            if (RuleCategories.BitOf(name) == 0)
            {
                throw RuleError(id, $"'context.categories' has unknown category '{category}'; expected one of {string.Join(", ", RuleCategories.All)}");
            }

            categories.Add(name);
        }

        if (!element.TryGetProperty("window", out JsonElement windowElement)
            || !windowElement.TryGetInt32(out int window) || window < 0)
        {
            throw RuleError(id, "'context.window' must be a whole number of characters, 0 or more");
        }

        double weight = Weight(element, "weight", id, "'context.weight'");
        return new RuleContext(categories, window, weight);
    }

    private static double Weight(JsonElement element, string property, string id, string label) =>
        element.TryGetProperty(property, out JsonElement w) && w.ValueKind == JsonValueKind.Number
            && w.TryGetDouble(out double weight) && weight is > 0 and <= 1
            ? weight
            : throw RuleError(id, $"{label} must be a number greater than 0 and at most 1");

    private static string RequiredString(JsonElement element, string property, string id) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw RuleError(id, $"'{property}' must be a non-empty string");

    private static void RejectUnknown(JsonElement element, HashSet<string> known, string owner, string? ruleId)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new RuleSetException(ruleId, string.Create(
                    CultureInfo.InvariantCulture,
                    $"{owner}: unknown property '{property.Name}'; expected {string.Join(", ", known)}."));
            }
        }
    }

    private static void RejectPresent(JsonElement element, string property, string id, string why)
    {
        if (element.TryGetProperty(property, out _))
        {
            throw RuleError(id, why);
        }
    }

    private static RuleSetException RuleError(string id, string problem) => new(id, $"Rule '{id}': {problem}.");

    private static RuleSetException SetError(string problem) => new(null, $"Rule set: {problem}.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    /// <summary>The text with control characters shown as U+XXXX, so a refusal never echoes them.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Take(80).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"U+{(int)c:X4}" : c.ToString()));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdFormat();
}
