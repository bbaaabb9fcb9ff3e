using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace YeKuo.ServiceDefaults.OpenApi;

/// <summary>
/// The answers every operation can give besides its own, all ProblemDetails (<c>application/problem+json</c>): 400 for
/// a malformed request (a ValidationProblem naming the field, ProblemDetailsExceptionHandler), 401/403 where a token is
/// needed (the endpoint's policy, or the fallback policy when it names none), 500 for a fault; and the bearer
/// requirement on every operation that needs a token.
/// </summary>
internal sealed class ProblemResponsesTransformer(IAuthorizationPolicyProvider policies) : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation has no document.");
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= new OpenApiResponses();

        if (context.Description.ParameterDescriptions.Count > 0)
        {
            await AddAsync(operation, context, document, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails),
                "The request is malformed or not valid: the errors name each field.", cancellationToken);
        }
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var authorized = metadata.OfType<IAuthorizeData>().Any() || await policies.GetFallbackPolicyAsync() is not null;
        if (authorized && !anonymous)
        {
            await AddAsync(operation, context, document, StatusCodes.Status401Unauthorized, typeof(ProblemDetails),
                "No valid bearer token.", cancellationToken);
            await AddAsync(operation, context, document, StatusCodes.Status403Forbidden, typeof(ProblemDetails),
                "The token's role or department may not do this.", cancellationToken);
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerSecuritySchemeTransformer.SchemeName, document)] = [] },
            ];
        }
        await AddAsync(operation, context, document, StatusCodes.Status500InternalServerError, typeof(ProblemDetails),
            "An unexpected fault (logged with the trace id the answer carries).", cancellationToken);
    }

    private static async Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, OpenApiDocument document,
        int status, Type problemType, string description, CancellationToken cancellationToken)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }
        var schema = await context.GetOrCreateSchemaAsync(problemType, null, cancellationToken);
        document.AddComponent(problemType.Name, schema);
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(problemType.Name, document) },
            },
        };
    }
}
