// A minimal service for YeKuo.AppHost.Tests: health like ServiceDefaults, plus endpoints that reveal what the orchestrator passed.
if (Environment.GetEnvironmentVariable("SAMPLE_CRASH_AT_START") is { Length: > 0 } reason)
{
    Console.Error.WriteLine($"sample: crashing on purpose: {reason}");
    return 3;
}

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
var app = builder.Build();

app.MapGet("/health", () => Results.Text("Healthy"));
app.MapGet("/alive", () => Results.Text("Healthy"));
app.MapGet("/pid", () => Results.Text(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
app.MapGet("/env/{name}", (string name) => Environment.GetEnvironmentVariable(name) is { } value ? Results.Text(value) : Results.NotFound());
app.MapGet("/connectionstring/{name}", (string name, IConfiguration configuration) =>
    configuration.GetConnectionString(name) is { } value ? Results.Text(value) : Results.NotFound());

app.Lifetime.ApplicationStopping.Register(() => Console.WriteLine("sample: stopping gracefully"));
app.Run();
return 0;
