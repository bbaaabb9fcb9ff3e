using System.Text;
using Microsoft.Data.Sqlite;
using YeKuo.IntegrationTests;

namespace YeKuo.Security.Tests;

/// <summary>
/// At least 1,000 random and malformed requests through the gateway with valid tokens of several roles (and none):
/// random paths under every prefix, random methods, malformed JSON, huge strings, wrong types, random GUIDs. No answer
/// may be a 5xx, and nothing may be written: no application, work item, notice or outbox row appears.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FuzzTests(SystemFixture system)
{
    private const int Requests = 1200;

    private static readonly string[] Prefixes =
    [
        "/api/applications", "/api/calendar", "/api/policies", "/api/reports", "/api/supply-scheme", "/api/inspection",
        "/api/metering", "/api/notifications",
    ];

    private static readonly string[] Segments =
    [
        "work-items", "claim", "reassign", "pause", "resume", "complete", "reject", "withdraw", "progress", "deviation",
        "managers", "worklist", "reviews", "opinions", "meeting-decision", "meetings", "draft", "scheme", "staff", "read",
        "handle", "follow-ups", "rating", "complaints", "webhooks", "deliveries", "performance", "handoffs", "time-limits",
        "working-days", "add", "2026", "-1", "99999999999999999999", "%00", "..", "%2e%2e", "null", "true", "{}", "'--",
        "<script>", "中文", "🙂",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"];

    private static readonly string[] Databases = ["acceptancedb", "supplyschemedb", "inspectiondb", "meteringdb", "notificationdb"];

    [Fact]
    public async Task A_thousand_random_and_malformed_requests_get_no_5xx_and_write_nothing()
    {
        var gateway = system.Gateway;
        var identities = new[]
        {
            Identity.Anonymous, Identity.All.First(i => i.Role == "customer"), Identity.All.First(i => i.Role == "clerk"),
            Identity.All.First(i => i.Role == "staff" && i.Department == "SupplyScheme"), Identity.All.First(i => i.Role == "head" && i.Department == "Inspection"),
            Identity.All.First(i => i.Role == "partner"), Identity.All.First(i => i.Role == "admin"),
        };
        var clients = new List<HttpClient>();
        foreach (var identity in identities)
        {
            clients.Add(await SecurityClients.ClientAsync(gateway, identity));
        }

        var before = await SettledCountsAsync();
        var random = new Random(20261123);
        var failures = new List<string>();
        var sent = 0;
        try
        {
            for (var i = 0; i < Requests; i++)
            {
                var client = clients[random.Next(clients.Count)];
                var method = new HttpMethod(Methods[random.Next(Methods.Length)]);
                var path = RandomPath(random);
                using var request = new HttpRequestMessage(method, path);
                if (method != HttpMethod.Get && method != HttpMethod.Head && random.Next(4) > 0)
                {
                    request.Content = new StringContent(RandomBody(random), Encoding.UTF8, random.Next(5) == 0 ? "text/plain" : "application/json");
                    // A host that refuses a request (401, 413, 429) before reading an over-long body closes the
                    // connection after answering: the next request must not be sent on it.
                    request.Headers.ConnectionClose = (await request.Content.ReadAsByteArrayAsync()).Length > 64 * 1024;
                }
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (HttpRequestException ex)
                {
                    // The gateway may close the connection on a body it refuses (413) before reading it.
                    if (request.Content is not null && (await request.Content.ReadAsByteArrayAsync()).Length > 64 * 1024)
                    {
                        sent++;
                        continue;
                    }
                    failures.Add($"{method} {path}: {ex.Message}");
                    continue;
                }
                using (response)
                {
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        failures.Add($"{method} {path} [{(request.Content is null ? "" : Excerpt(await request.Content.ReadAsStringAsync()))}]: {(int)response.StatusCode} {Excerpt(body)}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        Assert.True(sent >= 1000, $"Only {sent} requests were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n{string.Join("\n", failures.Take(40))}");
        var after = await SettledCountsAsync();
        Assert.Equal(before, after);
    }

    /// <summary>
    /// The far ends of every query parameter of every endpoint (dates at 0001-01-01 and 9999-12-31, the int range, long
    /// strings, numbers where names are expected): the regression corpus of inputs that once answered 500.
    /// </summary>
    public static IEnumerable<string> BoundaryCorpus()
    {
        string[] dates = ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01", "2026-02-30"];
        string[] numbers = ["-2147483648", "2147483647", "-1", "0", "99999999999999999999"];
        var longText = new string('长', 300);
        // The calendar overflow (AddWorkingDays past DateOnly.MaxValue answered 500).
        yield return "/api/calendar/working-days/add?from=9999-12-31&days=100";
        foreach (var date in dates)
        {
            foreach (var days in numbers)
            {
                yield return $"/api/calendar/working-days/add?from={date}&days={days}";
            }
            yield return $"/api/reports/handoffs?from={date}";
            yield return $"/api/reports/handoffs?to={date}";
            yield return $"/api/reports/handoffs?from={date}&to={date}";
            yield return $"/api/reports/performance?from={date}&to={date}&groupBy=month";
            yield return $"/api/supply-scheme/meetings/{date}";
        }
        foreach (var number in numbers)
        {
            yield return $"/api/calendar/{number}";
            foreach (var prefix in new[] { "/api/applications", "/api/supply-scheme", "/api/inspection", "/api/metering" })
            {
                yield return $"{prefix}/work-items?limit={number}&step={number}&status={number}";
            }
            yield return $"/api/applications?status={number}";
            yield return $"/api/supply-scheme/reviews?limit={number}&status={number}";
            yield return $"/api/notifications?customerId=x&limit={number}";
            yield return $"/api/notifications/staff?department={number}&limit={number}";
            yield return $"/api/notifications/follow-ups?status={number}&limit={number}";
        }
        foreach (var prefix in new[] { "/api/applications", "/api/supply-scheme", "/api/inspection", "/api/metering" })
        {
            yield return $"{prefix}/work-items?assignee={longText}&applicationId=not-a-guid";
        }
        yield return $"/api/applications?customerId={longText}&customerManager={longText}";
        yield return $"/api/applications/managers/{longText}/worklist";
        yield return $"/api/notifications?customerId={longText}";
        yield return $"/api/notifications/staff?recipient={longText}";
        yield return $"/api/notifications/complaints?applicationId={longText}";
        yield return "/api/reports/performance?format=xml&groupBy=week";
    }

    [Fact]
    public async Task The_far_ends_of_every_query_parameter_get_no_5xx()
    {
        var gateway = system.Gateway;
        var failures = new List<string>();
        var sent = 0;
        foreach (var identity in new[] { Identity.All.First(i => i.Role == "admin"), Identity.All.First(i => i.Role == "platform") })
        {
            using var client = await SecurityClients.ClientAsync(gateway, identity);
            foreach (var path in BoundaryCorpus())
            {
                using var response = await client.GetAsync(path);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{identity} GET {path}: {(int)response.StatusCode} {Excerpt(await response.Content.ReadAsStringAsync())}");
                }
            }
        }
        // The operators' endpoints on each service (not routed by the gateway).
        foreach (var service in new[] { "acceptance", "supplyscheme", "inspection", "metering", "notification" })
        {
            using var admin = await SecurityClients.ClientAsync(gateway, Identity.All.First(i => i.Role == "admin"), system.App.GetEndpoint(service));
            foreach (var query in new[] { "from=0001-01-01&to=9999-12-31T23:59:59Z", "page=2147483647&pageSize=200", "page=-1&pageSize=0", "targetId=x&subject=" + new string('x', 300) })
            {
                using var response = await admin.GetAsync("/admin/audit?" + query);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{service} GET /admin/audit?{query}: {(int)response.StatusCode} {Excerpt(await response.Content.ReadAsStringAsync())}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests failed:\n{string.Join("\n", failures)}");
    }

    private static string RandomPath(Random random)
    {
        var path = new StringBuilder(Prefixes[random.Next(Prefixes.Length)]);
        var depth = random.Next(0, 5);
        for (var i = 0; i < depth; i++)
        {
            path.Append('/').Append(random.Next(3) switch
            {
                0 => Guid.NewGuid().ToString(),
                1 => Segments[random.Next(Segments.Length)],
                _ => Uri.EscapeDataString(RandomString(random, random.Next(1, 40))),
            });
        }
        if (random.Next(3) == 0)
        {
            var names = new[] { "status", "applicationId", "step", "assignee", "limit", "customerId", "customerManager", "from", "to", "days", "groupBy", "format", "department", "messageId", "recipient", "page", "pageSize", "year", "date" };
            path.Append('?');
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                var value = random.Next(5) switch
                {
                    0 => Guid.NewGuid().ToString(),
                    4 => random.Next(2) == 0 ? "9999-12-31" : "0001-01-01",
                    1 => random.Next(int.MinValue, int.MaxValue).ToString(),
                    2 => new string('9', random.Next(1, 400)),
                    _ => RandomString(random, random.Next(0, 60)),
                };
                path.Append(names[random.Next(names.Length)]).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
            }
        }
        return path.ToString();
    }

    private static string RandomBody(Random random) => random.Next(10) switch
    {
        0 => "{",
        1 => "{\"reason\": ",
        2 => "[1,2,3]",
        3 => $"{{\"capacityKva\": \"{RandomString(random, 20)}\", \"voltageKv\": [], \"sourceCount\": 1.5e400}}",
        4 => $"{{\"reason\": \"{new string('长', random.Next(1000, 30000))}\"}}",
        5 => new string('x', 70 * 1024),
        6 => $"{{\"assignee\": {random.Next()}, \"score\": \"five\", \"applicationId\": \"{Guid.NewGuid()}\", \"confirmed\": \"yes\"}}",
        7 => "null",
        8 => $"{{\"customerName\": null, \"identityNumber\": \"{RandomString(random, 18)}\", \"contactPhone\": {random.NextDouble()}, \"passed\": 1, \"department\": {{}}}}",
        _ => RandomString(random, random.Next(0, 200)),
    };

    private static string RandomString(Random random, int length)
    {
        const string alphabet = "abcXYZ0123456789-_.~!@#$%^&*()[]{}<>?/\\|\"' \t中文电力🙂";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }
        return builder.ToString();
    }

    /// <summary>Rows per table in every service database, once handoffs of earlier tests have settled.</summary>
    private async Task<string> SettledCountsAsync()
    {
        var last = "";
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var now = await CountsAsync();
            if (now == last)
            {
                return now;
            }
            last = now;
            await Task.Delay(1000);
        }
        return last;
    }

    private async Task<string> CountsAsync()
    {
        var lines = new List<string>();
        foreach (var database in Databases)
        {
            var connectionString = await system.App.GetConnectionStringAsync(database);
            using var connection = new SqliteConnection(connectionString + ";Mode=ReadOnly");
            connection.Open();
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' AND name NOT LIKE 'Audit%' ORDER BY name";
            var names = new List<string>();
            using (var reader = tables.ExecuteReader())
            {
                while (reader.Read())
                {
                    names.Add(reader.GetString(0));
                }
            }
            foreach (var table in names)
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                lines.Add($"{database}.{table}={count.ExecuteScalar()}");
            }
        }
        return string.Join("\n", lines);
    }

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
