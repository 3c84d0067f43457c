using Moderation.Cli;

return await ModerationCli.RunAsync(args);
