namespace Moderation.Storage.Audit;

/// <summary>The result of walking the chain: how far it holds, and the first row where it does not.</summary>
public sealed record AuditVerification
{
    public required long RowsChecked { get; init; }

    /// <summary>The hash of the last good row: record it elsewhere to detect a later truncation.</summary>
    public required string HeadHash { get; init; }

    /// <summary>Null when the chain is intact.</summary>
    public long? FirstBrokenSequence { get; init; }

    /// <summary>What is wrong with that row, for a person.</summary>
    public string? Problem { get; init; }

    public bool Intact => FirstBrokenSequence is null;
}
