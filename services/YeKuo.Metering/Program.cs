using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Messaging;
using YeKuo.Metering.Extensions;
using YeKuo.Metering.Infrastructure;
using YeKuo.Workflow.Hosting.Apis;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDefaultOpenApi();
builder.AddDefaultSecurity();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDefaultOpenApi();
// Operator endpoints (/admin/messaging, /admin/database): admins only.
app.MapGroup("").RequireAuthorization(Policies.Admin).MapAdminApi();
app.MapWorkItemsApi<MeteringDbContext>(Department.Metering);
app.Run();

public partial class Program;
