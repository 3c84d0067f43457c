namespace Moderation.Detection;

/// <summary>How a rule matches text.</summary>
public enum RuleKind
{
    /// <summary>A list of literal terms; all term rules of a set share one multi-pattern automaton.</summary>
    Terms,

    /// <summary>A .NET regular expression run with the non-backtracking engine (linear time, safe for administrator-edited rules).</summary>
    Pattern,
}
