using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace YeKuo.Acceptance.Tests;

/// <summary>
/// What an application may say: a standard supply voltage within its class's range, a capacity plausible for its class,
/// names and addresses without control, bidirectional or zero-width characters, and every JSON key once.
/// </summary>
public sealed class SubmissionInputTests(AcceptanceApp app) : IClassFixture<AcceptanceApp>
{
    public static TheoryData<string, string, decimal> OutOfRange => new()
    {
        { "Residential", "voltageKv", -1m },
        { "Residential", "voltageKv", -2147483649m },
        { "Residential", "voltageKv", 0m },
        { "Residential", "voltageKv", 0.3m },
        { "Residential", "voltageKv", 10m },
        { "Residential", "capacityKva", 500m },
        { "Residential", "capacityKva", -1m },
        { "HighVoltageSingleSource", "voltageKv", 11m },
        { "HighVoltageSingleSource", "voltageKv", 2000m },
        { "HighVoltageSingleSource", "voltageKv", -10m },
        { "HighVoltageSingleSource", "capacityKva", 5m },
        { "PrivateOrganisation", "voltageKv", -0.4m },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task A_voltage_or_capacity_outside_its_class_range_is_refused(string customerClass, string field, decimal value)
    {
        var request = customerClass switch
        {
            "Residential" => Requests.Residential(),
            "PrivateOrganisation" => Requests.PrivateOrganisation(100m),
            _ => Requests.HighVoltageSingleSource(),
        };

        var response = await app.SubmitAsync(Requests.With(request, (field, value)), customer: "cust-ranges");

        Assert.Equal([field], (await AcceptanceApp.ValidationErrorsAsync(response)).Keys);
    }

    [Theory]
    [InlineData("customerName", "青海\u0000盐湖")]
    [InlineData("customerName", "青海\u202E司公限有")]
    [InlineData("customerName", "青海\u200B盐湖")]
    [InlineData("customerName", "\u2066青海盐湖\u2069")]
    [InlineData("customerName", "\uFEFF青海盐湖")]
    [InlineData("customerName", "青海\n盐湖")]
    [InlineData("address", "西宁市\u0007城西区")]
    [InlineData("address", "西宁市\u202D城西区")]
    [InlineData("address", "西宁市\u200D城西区")]
    [InlineData("address", "西宁市\u2028城西区")]
    public async Task Control_bidirectional_and_zero_width_characters_are_refused_in_names_and_addresses(string field, string value)
    {
        var response = await app.SubmitAsync(Requests.With(Requests.HighVoltageSingleSource(), (field, value)), customer: "cust-text");

        Assert.Equal([field], (await AcceptanceApp.ValidationErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task A_repeated_JSON_key_is_refused_not_resolved_by_the_last_one()
    {
        const string body = """
            {"customerName": "青海盐湖新材料有限公司", "customerName": "冒名公司", "customerClass": "HighVoltageSingleSource",
             "identityNumber": "91632200MA752ABC1C", "contactPhone": "13897001234", "address": "格尔木市昆仑路 8 号",
             "capacityKva": 800, "voltageKv": 10, "sourceCount": 1}
            """;

        var response = await app.ClientAs("cust-dup").PostAsync("/api/applications", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await app.CreateClient().GetFromJsonAsync<object[]>("/api/applications?customerId=cust-dup") ?? []);
    }

    [Fact]
    public async Task A_repeated_key_in_a_step_completion_is_refused()
    {
        var (_, workItem) = await app.SubmitValidAsync();

        var response = await app.ClientAs("staff-1").PostAsync($"/api/applications/work-items/{workItem}/complete",
            new StringContent("""{"documentsComplete": false, "documentsComplete": true, "remarks": "资料齐全"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
