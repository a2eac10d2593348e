// Field-level validation errors, keyed by the field's path as the client wrote it
// ("items[3].figure.value", "limit"); answered as one RFC 9457 validation problem.
namespace Timeline.Http;

// With a limit, messages past it are counted, not kept: a body of a million bad lines
// must not become a million messages in memory and in the answer.
public sealed class FieldErrors(int limit = int.MaxValue)
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    int _kept;
    public bool Any => _errors.Count > 0;
    // Messages not kept because the limit was reached.
    public int Omitted { get; private set; }
    public void Add(string field, string message)
    {
        if (_kept >= limit) { Omitted++; return; }
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        _kept++;
    }

    // "Nothing was recorded." and, when some were left out, how many.
    public string Detail(string detail = "Nothing was recorded.") =>
        Omitted == 0 ? detail : $"{detail} {Omitted:N0} more errors were found and not listed.";
    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
