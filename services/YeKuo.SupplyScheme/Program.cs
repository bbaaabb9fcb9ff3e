using YeKuo.Messaging.ErrorQueues;
using YeKuo.SupplyScheme.Extensions;
using YeKuo.SupplyScheme.Infrastructure;
using YeKuo.Workflow.Hosting.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapErrorQueuesApi();
app.MapWorkItemsApi<SupplySchemeDbContext>("/api/supply-scheme");
app.Run();

public partial class Program;
