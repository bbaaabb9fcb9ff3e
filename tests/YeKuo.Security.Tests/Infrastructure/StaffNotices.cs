using System.Net.Http.Json;
using System.Text.Json;

namespace YeKuo.Security.Tests.Infrastructure;

/// <summary>Notification's staff notices for one recipient about one work item, as its API lists them.</summary>
public static class StaffNotices
{
    public static async Task<JsonElement[]> ForAsync(HttpClient client, string recipient, Guid workItem) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/notifications/staff?recipient={recipient}&limit=200"))!
            .Where(n => n.GetProperty("workItemId").GetGuid() == workItem).ToArray();
}
