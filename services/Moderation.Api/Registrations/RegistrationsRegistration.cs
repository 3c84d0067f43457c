using Microsoft.Extensions.DependencyInjection.Extensions;
using Moderation.Api.Registrations.Demo;
using Moderation.Onboarding;
using Moderation.Storage.Boards;

namespace Moderation.Api.Registrations;

public static class RegistrationsRegistration
{
    /// <summary>
    /// Board registration: the workflow, its tables, the administration's read side, and the demo
    /// boards registered through it. Without a broker-backed <see cref="IBrokerAccounts"/> registered
    /// by the host, forums get API keys only (<see cref="NoBrokerAccounts"/>).
    /// </summary>
    public static IHostApplicationBuilder AddRegistrations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistrationOptions>().BindConfiguration(RegistrationOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<RegistrationStore>();
        builder.Services.AddSingleton<RegistrationWorkflow>();
        builder.Services.AddSingleton<BoardRegister>();
        builder.Services.TryAddSingleton<IBrokerAccounts, NoBrokerAccounts>();
        builder.Services.RemoveAll<IDemoBoards>();
        builder.Services.AddSingleton<IDemoBoards, DemoRegistrations>();
        return builder;
    }
}
