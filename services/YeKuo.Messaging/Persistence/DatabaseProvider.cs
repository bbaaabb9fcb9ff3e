namespace YeKuo.Messaging.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
