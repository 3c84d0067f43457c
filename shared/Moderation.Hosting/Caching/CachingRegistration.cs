using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Moderation.Hosting.Caching;

public static class CachingRegistration
{
    /// <summary>
    /// Redis when <c>ConnectionStrings:Redis</c> is set (every replica sees the same entries),
    /// otherwise an in-process cache. Only rebuildable data lives there.
    /// </summary>
    public static IHostApplicationBuilder AddModerationCaching(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddDistributedMemoryCache();
        }
        else
        {
            builder.Services.AddStackExchangeRedisCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "moderation:";
            });
        }

        return builder;
    }
}
