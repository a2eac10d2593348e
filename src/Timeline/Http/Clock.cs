// "Today" for every request: the UTC calendar day of the injected TimeProvider, so tests can move it.
namespace Timeline.Http;

public static class Clock
{
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
