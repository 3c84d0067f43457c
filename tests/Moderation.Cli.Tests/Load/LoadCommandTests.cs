namespace Moderation.Cli.Tests.Load;

/// <summary>Bad flags are refused before anything is registered or published, each named with why (exit 2).</summary>
public sealed class LoadCommandTests
{
    /// <summary>The valid command line with one flag set to another value (added when it is not there).</summary>
    private static string[] With(string flag, string value)
    {
        var args = Valid.ToList();
        var at = args.IndexOf(flag);
        if (at < 0)
        {
            args.AddRange([flag, value]);
        }
        else
        {
            args[at + 1] = value;
        }

        return [.. args];
    }

    private static readonly string[] Valid = ["load", "--api", "http://127.0.0.1:1", "--api-key", "key-of-an-administrator-000000", "--amqp", "amqp://127.0.0.1:1/moderation", "--database", "none"];

    [Theory]
    [InlineData("--rate", "0", "--rate must be a number of posts a second above 0")]
    [InlineData("--rate", "-5", "--rate must be a number of posts a second above 0")]
    [InlineData("--posts", "0", "--posts must be 1 or more")]
    [InlineData("--operators", "0", "--operators must be 1 or more")]
    [InlineData("--boards", "1", "--boards (1) must be at least --operators (2)")]
    [InlineData("--in-flight", "0", "--in-flight must be 1 or more")]
    [InlineData("--secret-share", "1.5", "--secret-share must be a fraction from 0 to 1")]
    [InlineData("--edit-share", "-0.1", "--edit-share must be a fraction from 0 to 1")]
    [InlineData("--chinese-share", "2", "--chinese-share must be a fraction from 0 to 1")]
    [InlineData("--patience", "0", "--patience must be a number of seconds above 0")]
    [InlineData("--http", "ftp://127.0.0.1", "--http 'ftp://127.0.0.1/' is not an http(s) URL")]
    [InlineData("--http", "not a url", "--http 'not a url' is not an absolute URL")]
    [InlineData("--amqp", "http://127.0.0.1:5682", "--amqp 'http://127.0.0.1:5682/' is not an amqp:// URL")]
    [InlineData("--run-id", "a/b", "--run-id 'a/b' must be 1 to 40 letters")]
    [InlineData("--http-batch", "100", "--http-batch needs --http")]
    public async Task A_value_that_cannot_work_is_named_with_its_flag(string flag, string value, string message)
    {
        var run = await CliRun.RunAsync(With(flag, value));

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain($"load: {message}");
        run.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--posts", "many")]
    [InlineData("--rate", "fast")]
    public async Task A_value_of_the_wrong_kind_is_named_with_its_flag(string flag, string value)
    {
        var run = await CliRun.RunAsync([.. Valid, flag, value]);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        (run.Error + run.Output).Should().Contain(flag).And.Contain(value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5001")]
    public async Task A_bulk_size_out_of_the_apis_range_is_named(string perRequest)
    {
        var run = await CliRun.RunAsync([.. Valid, "--http", "http://127.0.0.1:1", "--http-batch", perRequest]);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain($"load: --http-batch must be from 1 to 5,000 posts a request").And.Contain($"not {perRequest}");
    }

    [Fact]
    public async Task The_baseline_needs_a_broker_user_that_may_declare_a_queue()
    {
        var run = await CliRun.RunAsync([.. Valid, "--baseline"]);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("--baseline needs a broker user that may declare a queue: give it in --amqp");
    }

    [Fact]
    public async Task Without_an_api_key_it_says_which_key_it_needs()
    {
        var run = await CliRun.RunAsync(["load", "--api", "http://127.0.0.1:1", "--api-key", "", "--amqp", "amqp://127.0.0.1:1/moderation", "--database", "none"]);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("--api-key is needed").And.Contain("an administrator's key");
    }

    [Fact]
    public async Task Help_says_how_the_boards_are_registered_and_what_the_exit_codes_mean()
    {
        var run = await CliRun.RunAsync(["load", "--help"]);

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Output.Should().Contain("registration workflow").And.Contain("1  a post was lost or answered twice").And.Contain("--baseline");
    }

    [Fact]
    public async Task Every_problem_is_listed_at_once()
    {
        var run = await CliRun.RunAsync([.. Valid, "--rate", "0", "--posts", "0"]);

        run.Error.Should().Contain("--rate").And.Contain("--posts");
    }

    [Fact]
    public async Task An_api_that_does_not_answer_is_a_setup_error_naming_it()
    {
        var run = await CliRun.RunAsync([.. Valid, "--posts", "1", "--report", Path.Combine(Path.GetTempPath(), $"load-{Guid.NewGuid():N}.json")]);

        run.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Error.Should().Contain("load: ").And.Contain("127.0.0.1:1");
    }
}
