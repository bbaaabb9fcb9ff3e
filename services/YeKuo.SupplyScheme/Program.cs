using YeKuo.Contracts;
using YeKuo.ServiceDefaults.Security;
using YeKuo.Messaging;
using YeKuo.SupplyScheme.Apis;
using YeKuo.SupplyScheme.Extensions;
using YeKuo.SupplyScheme.Infrastructure;
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
// 客户确认方案 is the customer's own work item here.
app.MapWorkItemsApi<SupplySchemeDbContext>(Department.SupplyScheme, customersHoldWork: true);
app.MapSchemeReviewsApi();
app.MapChargesApi();
app.Run();

public partial class Program;
