using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Moderation.Testing;

namespace Moderation.Standalone.Tests.Architecture;

/// <summary>
/// A bad setting stops the service at start with a message that names the setting as it is
/// configured, the value found and the values allowed.
/// </summary>
public sealed class SettingsValidationSpecs : IAsyncLifetime
{
    private ScratchDatabase _scratch = null!;

    public async Task InitializeAsync() => _scratch = await ScratchDatabase.CreateSqliteAsync(migrate: false);

    public async Task DisposeAsync() => await _scratch.DisposeAsync();

    [Theory]
    [InlineData("Moderation:Messaging:DeliveryLimit", "0", "Moderation:Messaging:DeliveryLimit is 0: allowed values are 1 to 1000.")]
    [InlineData("Moderation:Notifier:Smtp:Security", "Tls", "Moderation:Notifier:Smtp:Security is 'Tls': allowed values are 'None', 'Auto', 'SslOnConnect', 'StartTls', 'StartTlsWhenAvailable'.")]
    [InlineData("Moderation:Notifier:Smtp:Port", "70000", "Moderation:Notifier:Smtp:Port is 70000: allowed values are 1 to 65535.")]
    [InlineData("Moderation:Fingerprints:ResyncInterval", "00:00:00", "Moderation:Fingerprints:ResyncInterval is 00:00:00: allowed values are 00:00:01 to 01:00:00.")]
    [InlineData("Moderation:Telemetry:OtlpEndpoint", "collector:4317", "Moderation:Telemetry:OtlpEndpoint 'collector:4317' is not an absolute http:// or https:// address")]
    [InlineData("Moderation:Messaging:ClusterNodes:0", "amqp://10.0.0.2:5672", "Moderation:Messaging:ClusterNodes:0 'amqp://10.0.0.2:5672' is not a host:port such as 10.0.0.2:5672")]
    [InlineData("Moderation:Scanner:HoldThreshold", "1.5", "Moderation:Scanner:HoldThreshold is 1.5: allowed values are 0 to 1.")]
    public async Task A_bad_setting_stops_the_service_at_start_naming_the_setting_and_the_allowed_values(string setting, string value, string message)
    {
        await using var app = new StandaloneFactory(_scratch.ConnectionString).WithWebHostBuilder(b => b.UseSetting(setting, value));

        var failure = Record.Exception(() => app.CreateClient());

        var validation = Flatten(failure).OfType<OptionsValidationException>().Should().ContainSingle().Subject;
        validation.Failures.Should().ContainSingle(f => f.StartsWith(message, StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception? exception) => exception switch
    {
        null => [],
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten),
        _ => Flatten(exception.InnerException).Prepend(exception),
    };
}
