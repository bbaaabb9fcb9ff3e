using YeKuo.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var (routes, clusters) = GatewayRoutes.Build(builder.Configuration);
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);

var app = builder.Build();
app.UseMiddleware<RequestIdMiddleware>();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();

public partial class Program;
