using YeKuo.ServiceDefaults.Security;
using YeKuo.Messaging;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Extensions;

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
app.MapApplicationsApi();
app.MapCalendarApi();
app.MapPoliciesApi();
app.MapProgressApi();
app.MapReportsApi();
app.MapChargesApi();
app.MapForesightApi();
app.MapHandoffReportApi();
app.MapTemporarySupplyApi();
app.MapCustomerManagersApi();
app.Run();

public partial class Program;
