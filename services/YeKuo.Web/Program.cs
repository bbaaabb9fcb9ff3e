// YeKuo web front end: Blazor Web App (interactive server) over the gateway's APIs. See WebSetup for the pieces.
using YeKuo.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddYeKuoWeb();

var app = builder.Build();
app.UseYeKuoWeb();
app.Run();

public partial class Program;
