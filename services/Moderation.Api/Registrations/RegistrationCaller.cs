using System.Security.Claims;
using Moderation.Security;

namespace Moderation.Api.Registrations;

/// <summary>Who asks the workflow: the organizer's name, or an officer's (or administrator's) area.</summary>
public sealed record RegistrationCaller(string Name, bool IsAdmin, string? Area)
{
    public static RegistrationCaller Of(ClaimsPrincipal user) => new(user.ActorName(), user.IsAdmin(), user.Area());
}
