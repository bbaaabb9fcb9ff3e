using YeKuo.Messaging;
using YeKuo.Notification.Apis;
using YeKuo.Notification.Extensions;
using YeKuo.Notification.Webhooks;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAdminApi();
app.MapNotificationsApi();
app.MapStaffNoticesApi();
app.MapFollowUpsApi();
app.MapComplaintsApi();
app.MapWebhooksApi();
app.Run();

public partial class Program;
