using YeKuo.Messaging;
using YeKuo.Acceptance.Apis;
using YeKuo.Acceptance.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAdminApi();
app.MapApplicationsApi();
app.MapCalendarApi();
app.MapPoliciesApi();
app.MapProgressApi();
app.MapReportsApi();
app.MapHandoffReportApi();
app.Run();

public partial class Program;
