using YeKuo.Messaging;
using YeKuo.Inspection.Extensions;
using YeKuo.Inspection.Infrastructure;
using YeKuo.Workflow.Hosting.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAdminApi();
app.MapWorkItemsApi<InspectionDbContext>("/api/inspection");
app.Run();

public partial class Program;
