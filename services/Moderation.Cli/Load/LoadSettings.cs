namespace Moderation.Cli.Load;

/// <summary>Everything a load run is told, after parsing; <see cref="Problems"/> names each flag whose value cannot work.</summary>
public sealed record LoadSettings
{
    /// <summary>The most the Api's bulk endpoint can be set to take (Moderation:Ingest:MaxPostsPerRequest).</summary>
    public const int MaxHttpBatch = 5_000;

    public int Posts { get; init; } = 2_000;

    /// <summary>Posts a second to publish at; null for as fast as the in-flight window allows.</summary>
    public double? Rate { get; init; }

    public int Operators { get; init; } = 2;

    public int Boards { get; init; } = 4;

    public int InFlight { get; init; } = 500;

    public required Uri Api { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>The broker forums connect to (host, port, virtual host); its user, if any, is the one the baseline uses.</summary>
    public Uri? Amqp { get; init; }

    /// <summary>Submit over HTTP ingest at this Api instead of publishing over AMQP.</summary>
    public Uri? Http { get; init; }

    /// <summary>With <see cref="Http"/>: posts a request to the bulk endpoint; null sends each post alone.</summary>
    public int? HttpBatch { get; init; }

    public bool Baseline { get; init; }

    public string? Database { get; init; }

    public MixSettings Mix { get; init; } = new();

    public required string RunId { get; init; }

    public required FileInfo Report { get; init; }

    public required FileInfo Chart { get; init; }

    public IReadOnlyList<int> ScannerPids { get; init; } = [];

    public string ScannerProcess { get; init; } = "Moderation.Scanner.dll";

    /// <summary>
    /// How long to wait, after the last publish, with no new verdict before the missing ones are called
    /// lost; and how long to keep sending a post again after transient failures before it is an error.
    /// </summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>One line per flag whose value cannot work, naming the flag and why; empty when the run can start.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Posts < 1)
        {
            problems.Add($"--posts must be 1 or more, not {Posts}");
        }

        if (Rate is { } rate && (rate <= 0 || double.IsNaN(rate) || double.IsInfinity(rate)))
        {
            problems.Add($"--rate must be a number of posts a second above 0, not {rate}; leave it out to publish as fast as possible");
        }

        if (Operators < 1)
        {
            problems.Add($"--operators must be 1 or more, not {Operators}");
        }

        if (Boards < Operators)
        {
            problems.Add($"--boards ({Boards}) must be at least --operators ({Operators}): every operator needs a board");
        }

        if (InFlight < 1)
        {
            problems.Add($"--in-flight must be 1 or more, not {InFlight}");
        }

        if (Api.Scheme is not ("http" or "https"))
        {
            problems.Add($"--api '{Api}' is not an http(s) URL such as http://127.0.0.1:5080");
        }

        if (Http is { } http && http.Scheme is not ("http" or "https"))
        {
            problems.Add($"--http '{http}' is not an http(s) URL such as http://127.0.0.1:5080");
        }

        if (HttpBatch is { } batch)
        {
            if (Http is null)
            {
                problems.Add("--http-batch needs --http: it is the number of posts a request to the Api's bulk endpoint carries");
            }

            if (batch is < 1 or > MaxHttpBatch)
            {
                problems.Add($"--http-batch must be from 1 to {MaxHttpBatch:N0} posts a request (the Api's own limit is Moderation:Ingest:MaxPostsPerRequest, 500 by default), not {batch}");
            }
        }

        if (string.IsNullOrEmpty(ApiKey))
        {
            problems.Add($"--api-key is needed (or ${Rules.RulesApiCommands.ApiKeyEnvironmentVariable}): an administrator's key, to register the load's boards through the registration workflow");
        }

        if (Amqp is null)
        {
            problems.Add($"--amqp is needed (or ${LoadCommand.AmqpEnvironmentVariable}): the broker the forums publish to and read verdicts from, e.g. amqp://127.0.0.1:5682/moderation");
        }
        else if (Amqp.Scheme is not ("amqp" or "amqps"))
        {
            problems.Add($"--amqp '{Amqp}' is not an amqp:// URL such as amqp://127.0.0.1:5682/moderation");
        }
        else if (Baseline && string.IsNullOrEmpty(Amqp.UserInfo))
        {
            problems.Add("--baseline needs a broker user that may declare a queue: give it in --amqp (amqp://user:password@host:port/vhost)");
        }

        foreach (var (flag, share) in new[] { ("--secret-share", Mix.SecretShare), ("--edit-share", Mix.EditShare), ("--chinese-share", Mix.ChineseShare) })
        {
            if (share is < 0 or > 1 || double.IsNaN(share))
            {
                problems.Add($"{flag} must be a fraction from 0 to 1, not {share}");
            }
        }

        if (Patience <= TimeSpan.Zero)
        {
            problems.Add($"--patience must be a number of seconds above 0, not {Patience.TotalSeconds}");
        }

        if (RunId.Length is 0 or > 40 || !RunId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add($"--run-id '{RunId}' must be 1 to 40 letters, digits, '-' or '_' (it prefixes the operators' and boards' ids)");
        }

        return problems;
    }
}
