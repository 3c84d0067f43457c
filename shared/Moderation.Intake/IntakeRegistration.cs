using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Moderation.Intake;

public static class IntakeRegistration
{
    /// <summary>
    /// The board directory every submitted post is admitted through, over the cache the service
    /// defaults register. Called by the scanner and the API modules; safe to call from both in one host.
    /// </summary>
    public static IHostApplicationBuilder AddIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BoardDirectoryOptions>().BindConfiguration(BoardDirectoryOptions.Section).ValidateOnStart();
        builder.Services.TryAddSingleton<BoardDirectory>();
        return builder;
    }
}
