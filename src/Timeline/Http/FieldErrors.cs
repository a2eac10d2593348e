// Field-level validation errors, keyed by the field's path as the client wrote it
// ("items[3].figure.value", "limit"); answered as one RFC 9457 validation problem.
namespace Timeline.Http;

public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    public bool Any => _errors.Count > 0;
    public int Count => _errors.Count;
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }
    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
