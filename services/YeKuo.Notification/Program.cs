using YeKuo.ServiceDefaults.Security;
using YeKuo.Messaging;
using YeKuo.Notification.Apis;
using YeKuo.Notification.Extensions;
using YeKuo.Notification.Webhooks;

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
app.MapNotificationsApi();
app.MapStaffNoticesApi();
app.MapFollowUpsApi();
app.MapComplaintsApi();
app.MapWebhooksApi();
app.Run();

public partial class Program;
