using System.Text.Json;
using YeKuo.ServiceDefaults.Security;

namespace YeKuo.Workflow.Hosting.Staff;

/// <summary>
/// Who works in which department: the one home of the staff the worklists may assign work to (a 责任人 must be someone
/// real, of the item's department). Versioned data: <c>staff-directory.json</c> shipped with the services for local
/// runs and tests, or the file named by <c>StaffDirectory:Path</c> (a deployment's HR export in the same shape), read
/// at start. Roles are staff, head and clerk (受理 only); customers, 客户经理 and partners are not staff.
/// </summary>
public sealed class StaffDirectory
{
    private const string ResourceName = "YeKuo.Workflow.Hosting.Staff.staff-directory.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowDuplicateProperties = false };

    private readonly Dictionary<string, StaffMember> _people;

    public StaffDirectory(string version, IEnumerable<StaffMember> people)
    {
        Version = version;
        _people = new Dictionary<string, StaffMember>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            if (person.Role is not (Roles.Staff or Roles.DepartmentHead or Roles.CounterClerk) || !Departments.All.Contains(person.Department)
                || (person.Role == Roles.CounterClerk && person.Department != Departments.Acceptance))
            {
                throw new InvalidDataException($"Staff directory {version}: {person.Id} is {person.Role} of {person.Department}, which is not a department role.");
            }
            if (!_people.TryAdd(person.Id, person))
            {
                throw new InvalidDataException($"Staff directory {version}: {person.Id} is listed twice.");
            }
        }
    }

    public string Version { get; }

    public IReadOnlyCollection<StaffMember> People => _people.Values;

    public StaffMember? Find(string id) => _people.GetValueOrDefault(id);

    /// <summary>Is <paramref name="id"/> someone who works <paramref name="department"/>'s items (its staff or head; 受理: clerks too)?</summary>
    public bool WorksIn(string id, string department) => Find(id) is { } person && person.Department == department;

    /// <summary>The directory at <paramref name="path"/>, or the one shipped with the services when none is given.</summary>
    public static StaffDirectory Load(string? path)
    {
        using var stream = string.IsNullOrWhiteSpace(path)
            ? typeof(StaffDirectory).Assembly.GetManifestResourceStream(ResourceName) ?? throw new InvalidOperationException($"{ResourceName} is not embedded.")
            : File.OpenRead(path);
        var data = JsonSerializer.Deserialize<DirectoryData>(stream, Json) ?? throw new InvalidDataException("The staff directory is empty.");
        return new StaffDirectory(data.Version ?? "unversioned", data.People ?? []);
    }

    private sealed record DirectoryData(string? Version, string? Source, IReadOnlyList<StaffMember>? People);
}
