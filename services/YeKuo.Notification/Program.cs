using YeKuo.Notification.Apis;
using YeKuo.Notification.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotificationsApi();
app.Run();

public partial class Program;
