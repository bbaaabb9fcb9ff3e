namespace YeKuo.Workflow.Hosting.Staff;

/// <summary>One person in the staff directory: their user id (the token's <c>sub</c>), name, role and department.</summary>
public sealed record StaffMember(string Id, string Name, string Role, string Department);
