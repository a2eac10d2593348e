// What an API key may do, as authorization policy names: endpoints require them, Security grants them.
namespace Timeline.Http;

public static class Rights
{
    public const string Write = "write";
    public const string Admin = "admin";
    public static readonly string[] All = [Write, Admin];
}
