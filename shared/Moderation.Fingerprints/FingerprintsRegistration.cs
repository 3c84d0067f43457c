using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Moderation.Detection.Fingerprints;
using Moderation.Storage.Database;
using Moderation.Storage.Fingerprints;

namespace Moderation.Fingerprints;

public static class FingerprintsRegistration
{
    /// <summary>
    /// Protected-document fingerprints: the registry (database, then mirror), this process's live
    /// index and its synchronisation. The mirror is Redis when <c>ConnectionStrings:Redis</c> is set,
    /// in process otherwise. Safe to call from several modules of one host.
    /// </summary>
    public static IHostApplicationBuilder AddFingerprints(this IHostApplicationBuilder builder)
    {
        if (builder.Properties.ContainsKey(typeof(FingerprintsRegistration)))
        {
            return builder;
        }

        builder.Properties[typeof(FingerprintsRegistration)] = true;
        builder.Services.AddOptions<FingerprintOptions>().BindConfiguration(FingerprintOptions.Section).ValidateOnStart();
        builder.Services.TryAddSingleton<FingerprintRepository>();
        builder.Services.AddSingleton(sp => FingerprintScheme.FromSecret(sp.GetRequiredService<IOptions<FingerprintOptions>>().Value.Secret));
        builder.Services.AddSingleton<LiveFingerprintIndex>();
        builder.Services.AddSingleton<FingerprintRegistry>();

        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<IFingerprintMirror, InProcessFingerprintMirror>();
        }
        else
        {
            var configuredPrefix = builder.Configuration[$"{FingerprintOptions.Section}:{nameof(FingerprintOptions.RedisPrefix)}"];
            var prefix = string.IsNullOrWhiteSpace(configuredPrefix) ? DefaultMirrorPrefix(builder.Configuration) : configuredPrefix;
            builder.Services.AddSingleton<IFingerprintMirror>(sp => new RedisFingerprintMirror(redis, prefix, sp.GetRequiredService<ILogger<RedisFingerprintMirror>>()));
        }

        // Registered before the messaging module, so the index is loaded before the first post is consumed.
        builder.Services.AddHostedService<FingerprintIndexSync>();
        return builder;
    }

    /// <summary>
    /// <c>moderation:fingerprints:&lt;database&gt;</c>: the mirror belongs to one database, so two
    /// deployments (or test runs) sharing a Redis never see each other's documents.
    /// </summary>
    public static string DefaultMirrorPrefix(IConfiguration configuration) =>
        $"moderation:fingerprints:{DatabaseIdentity.Digest(configuration)}";
}
