using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;
using YeKuo.ServiceDefaults.OpenApi;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Every service's API contract (as eShop's ServiceDefaults): its OpenAPI document at <see cref="DocumentPath"/> with the
/// ProblemDetails answers and the bearer scheme, and in Development an API reference UI at <see cref="ReferencePath"/>.
/// The gateway serves each service's document too (<c>/openapi/{service}.json</c>).
/// </summary>
public static class OpenApiExtensions
{
    /// <summary>The document's name: <c>/openapi/v1.json</c>.</summary>
    public const string DocumentName = "v1";

    public const string DocumentPath = "/openapi/{documentName}.json";

    /// <summary>The API reference UI (Scalar), Development only: <c>/scalar</c> (the dashboard links to it).</summary>
    public const string ReferencePath = "/scalar";

    public static TBuilder AddDefaultOpenApi<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// The document for anyone (it describes the API, never data: partners and other departments read it without a
    /// token), and the reference UI in Development, listing <paramref name="otherDocuments"/> too (the gateway: every
    /// service's document, served by it at <c>/openapi/{service}.json</c>).
    /// </summary>
    public static WebApplication MapDefaultOpenApi(this WebApplication app, IEnumerable<string>? otherDocuments = null)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(ReferencePath, options =>
            {
                options.WithTitle(app.Environment.ApplicationName)
                    .WithOpenApiRoutePattern(DocumentPath)
                    // Everything from the host itself (the UI's script is in the package): no fonts from a CDN.
                    .DisableDefaultFonts()
                    .AddPreferredSecuritySchemes(BearerSecuritySchemeTransformer.SchemeName);
                foreach (var document in otherDocuments ?? [])
                {
                    options.AddDocument(document);
                }
                options.AddDocument(DocumentName, app.Environment.ApplicationName, isDefault: otherDocuments is null);
            }).AllowAnonymous();
        }
        return app;
    }
}
