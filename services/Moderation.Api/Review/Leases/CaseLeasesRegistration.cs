using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moderation.Fingerprints;

namespace Moderation.Api.Review.Leases;

public static class CaseLeasesRegistration
{
    /// <summary>Redis leases when <c>ConnectionStrings:Redis</c> is set, in-process ones otherwise.</summary>
    public static IHostApplicationBuilder AddCaseLeases(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<ICaseLeases, InProcessCaseLeases>();
        }
        else
        {
            // Case ids are per database: the prefix names it, so deployments sharing a Redis never collide.
            var prefix = $"moderation:case-leases:{Storage.Database.DatabaseIdentity.Digest(builder.Configuration)}:";
            builder.Services.AddSingleton<ICaseLeases>(sp => new RedisCaseLeases(redis, prefix, sp.GetRequiredService<ILogger<RedisCaseLeases>>()));
        }

        return builder;
    }
}
