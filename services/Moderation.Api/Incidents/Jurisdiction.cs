using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Hosting.Security;
using Moderation.Storage.Departments;

namespace Moderation.Api.Incidents;

/// <summary>The area a caller of the officers' endpoints may see: an officer's division code and everything below it; everywhere for an administrator.</summary>
public static class Jurisdiction
{
    public static string? AreaOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsAdmin())
        {
            return DivisionCode.Central;
        }

        return user.DivisionCode() is { } code && DivisionCode.IsValid(code) ? code : null;
    }

    public static ProblemHttpResult NoArea() => TypedResults.Problem(
        "Your account has no valid jurisdiction (division code). Ask an administrator to set it.",
        statusCode: StatusCodes.Status403Forbidden, title: "No jurisdiction.");
}
