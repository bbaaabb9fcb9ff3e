using YeKuo.Messaging;
using YeKuo.SupplyScheme.Apis;
using YeKuo.SupplyScheme.Extensions;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Hosting.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAdminApi();
app.MapWorkItemsApi<SupplySchemeDbContext>("/api/supply-scheme");
app.MapSchemeReviewsApi("/api/supply-scheme");
app.Run();

public partial class Program;
