using YeKuo.Messaging;
using YeKuo.Metering.Extensions;
using YeKuo.Metering.Infrastructure;
using YeKuo.Workflow.Hosting.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAdminApi();
app.MapWorkItemsApi<MeteringDbContext>("/api/metering");
app.Run();

public partial class Program;
