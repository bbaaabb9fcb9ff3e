using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace YeKuo.ServiceDefaults.OpenApi;

/// <summary>
/// Title and description from the host's assembly (its csproj Description), and no fixed server: a reader calls the
/// API where it read the document, at the service itself or through the gateway (same paths).
/// </summary>
internal sealed class DocumentInfoTransformer(IHostEnvironment environment) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var assembly = Assembly.Load(new AssemblyName(environment.ApplicationName));
        document.Info.Title = environment.ApplicationName;
        document.Info.Description = assembly?.GetCustomAttribute<AssemblyDescriptionAttribute>()?.Description;
        document.Info.Version = context.DocumentName;
        document.Servers = [];
        return Task.CompletedTask;
    }
}
