namespace YeKuo.ServiceDefaults.Security;

public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Department = "department";
    public const string Name = "name";
}
