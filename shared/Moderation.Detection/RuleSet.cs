namespace Moderation.Detection;

/// <summary>A versioned, validated, immutable set of rules. Load it once and share it.</summary>
public sealed class RuleSet
{
    private const string DefaultResourceName = "Moderation.Detection.Rules.default.json";

    private static readonly Lazy<RuleSet> s_default = new(LoadEmbeddedDefault);

    internal RuleSet(string version, IReadOnlyList<Rule> rules, ScanPolicy? policy = null)
    {
        Version = version;
        Rules = rules;
        Policy = policy ?? ScanPolicy.Default;
    }

    /// <summary>Thresholds, the model's base rate and what removal needs; <see cref="ScanPolicy.Default"/> when the file has no <c>policy</c>.</summary>
    public ScanPolicy Policy { get; }

    public string Version { get; }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Parses and validates a rule set. Every pattern is compiled here, so a bad rule fails now, not mid-scan.</summary>
    /// <exception cref="RuleSetException">The JSON is malformed or a rule is invalid; the message names the rule.</exception>
    public static RuleSet Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return RuleSetParser.Parse(json);
    }

    /// <summary>The same rules under another policy: what tuning a policy tries before a department writes it into its rule set.</summary>
    public RuleSet WithPolicy(ScanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new RuleSet(Version, Rules, policy);
    }

    /// <summary>The rule set embedded in this library (<c>Rules/default.json</c>).</summary>
    public static RuleSet LoadDefault() => s_default.Value;

    private static RuleSet LoadEmbeddedDefault()
    {
        using Stream stream = typeof(RuleSet).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{DefaultResourceName}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
