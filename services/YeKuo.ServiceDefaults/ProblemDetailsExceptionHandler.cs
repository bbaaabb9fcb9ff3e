using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Turns exceptions into ProblemDetails: malformed input is the caller's 400 (a ValidationProblem naming the field, or
/// <c>body</c>, in every environment); only a real fault is a 500, and it is logged. Domain outcomes (404, 409, 422) are
/// answered by the endpoints themselves.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var json = exception as JsonException ?? exception.InnerException as JsonException;
        var (status, title) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException bad => (bad.StatusCode, "The request is malformed."),
            JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON for this endpoint."),
            FormatException => (StatusCodes.Status400BadRequest, "A value in the request has the wrong format."),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred."),
        };

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        ProblemDetails problem;
        if (status == StatusCodes.Status400BadRequest)
        {
            // Name the field: the JSON path of the bad value ($.capacityKva → capacityKva), else the body or parameter.
            var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            var message = json is not null
                ? $"The value at {json.Path ?? "$"} is malformed or has the wrong type."
                : (exception.InnerException ?? exception).Message;
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = status,
                Title = title,
                Detail = (exception.InnerException ?? exception).Message,
            };
        }
        else
        {
            problem = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = status < 500 ? (exception.InnerException ?? exception).Message : null,
            };
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}
