using YeKuo.Messaging.ErrorQueues;
using YeKuo.Metering.Extensions;
using YeKuo.Metering.Infrastructure;
using YeKuo.Workflow.Hosting.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapErrorQueuesApi();
app.MapWorkItemsApi<MeteringDbContext>("/api/metering");
app.Run();

public partial class Program;
