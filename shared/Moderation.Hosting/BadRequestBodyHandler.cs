using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Moderation.Hosting;

/// <summary>
/// Turns a request that could not be read (a body that is not JSON or not the expected shape, a
/// query value of the wrong kind, a missing body) into a 400 problem naming the field, in the
/// contract's words (<see cref="BadRequestWording"/>), with the line and byte where the JSON broke.
/// </summary>
internal sealed class BadRequestBodyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var (field, detail) = BadRequestWording.Describe(badRequest, bodyType);
        var errors = field is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [field] = [detail] };
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read; nothing was stored.",
                Detail = detail,
            },
        });
    }
}
