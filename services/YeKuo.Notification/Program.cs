using YeKuo.Messaging.ErrorQueues;
using YeKuo.Notification.Apis;
using YeKuo.Notification.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapErrorQueuesApi();
app.MapNotificationsApi();
app.MapStaffNoticesApi();
app.MapFollowUpsApi();
app.MapComplaintsApi();
app.Run();

public partial class Program;
