using System.CommandLine;

namespace Moderation.Cli.Rules;

/// <summary><c>moderation rules …</c>: check rule set files offline, and manage them on a running system.</summary>
public sealed class RulesCommand : Command
{
    public RulesCommand(HttpMessageHandler? http = null)
        : base("rules", "Validate rule set files offline; import, list, export and activate them on a running system.")
    {
        Subcommands.Add(new RulesValidateCommand());
        foreach (var command in RulesApiCommands.Create(http))
        {
            Subcommands.Add(command);
        }
    }
}
