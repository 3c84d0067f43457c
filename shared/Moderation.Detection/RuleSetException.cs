namespace Moderation.Detection;

/// <summary>A rule set could not be loaded. The message names the rule and says what is wrong with it.</summary>
public sealed class RuleSetException : Exception
{
    public RuleSetException()
    {
    }

    public RuleSetException(string message)
        : base(message)
    {
    }

    public RuleSetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RuleSetException(string? ruleId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        RuleId = ruleId;
    }

    /// <summary>The id of the offending rule, or null when the problem is with the set as a whole.</summary>
    public string? RuleId { get; }
}
