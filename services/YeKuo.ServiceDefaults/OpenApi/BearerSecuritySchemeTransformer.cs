using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace YeKuo.ServiceDefaults.OpenApi;

/// <summary>The one way to authenticate: a JWT bearer token (from the company's OIDC provider; in Development the gateway's dev-token).</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token of the company's OIDC provider (Jwt:Authority), validated by the gateway and again by the service.",
        };
        return Task.CompletedTask;
    }
}
