using Microsoft.AspNetCore.Http.HttpResults;

namespace Moderation.Api.Incidents;

/// <summary>The answer to a caller of the officers' endpoints who has no area (<c>CallerExtensions.Area</c> is null).</summary>
public static class NoJurisdiction
{
    public static ProblemHttpResult Problem() => TypedResults.Problem(
        "Your account has no valid jurisdiction (division code). Ask an administrator to set it.",
        statusCode: StatusCodes.Status403Forbidden, title: "No jurisdiction.");
}
