using System.CommandLine;

namespace Moderation.Cli.Audit;

/// <summary><c>moderation audit …</c>: checks on the audit log.</summary>
public sealed class AuditCommand : Command
{
    public AuditCommand(HttpMessageHandler? http = null)
        : base("audit", "Check the append-only, hash-chained audit log.")
    {
        Subcommands.Add(new AuditVerifyCommand(http));
    }
}
