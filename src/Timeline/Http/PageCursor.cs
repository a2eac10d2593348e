// One cursor for every paged list. Opaque to clients (base64url of a small JSON object); inside, a
// version, the list it pages (so a cursor from one list is refused by another), the basis the first
// page was read at (every page then reads one and the same log; none for lists paged by recording
// order alone) and the place to continue after, typed by the list. Anything else, or a cursor of
// another version, is a 400 naming `cursor`.
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Timeline.Http;

public sealed record PageCursor<TPlace>(long? Basis, TPlace After);

// A place in the order statements were made: (statedOn, sequence), the sequence breaking ties.
public readonly record struct StatedPlace(DateOnly StatedOn, long Sequence);

public static class PageCursor
{
    public const int Version = 1;
    public const string Field = "cursor";
    public const string NotOurs = "is not a cursor this API gave out";
    // Far more than any place we give out takes; a longer one is refused before it is decoded.
    const int MaxLength = 1024;

    sealed record Wire<TPlace>(int V, string List, long? Basis, TPlace After);

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 4,
    };

    public static string Encode<TPlace>(string list, long? basis, TPlace after) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire<TPlace>(Version, list, basis, after), Json));

    // The cursor for `list`, or null when none was given (absent or empty); one that is not ours is named in errors.
    // withBasis: the list's cursors always carry the basis of its first page.
    public static PageCursor<TPlace>? Read<TPlace>(string? cursor, string list, FieldErrors errors, Func<TPlace, bool>? valid = null, bool withBasis = false)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        if (TryDecode(cursor, list, out PageCursor<TPlace>? read) && (valid is null || valid(read!.After)) && (!withBasis || read!.Basis is not null)) return read;
        errors.Add(Field, NotOurs);
        return null;
    }

    static bool TryDecode<TPlace>(string cursor, string list, out PageCursor<TPlace>? read)
    {
        read = null;
        if (cursor.Length > MaxLength || !Base64Url.IsValid(cursor)) return false;
        try
        {
            var wire = JsonSerializer.Deserialize<Wire<TPlace>>(Base64Url.DecodeFromChars(cursor), Json);
            if (wire is not { V: Version } || wire.List != list || wire.After is null || wire.Basis < 0) return false;
            read = new PageCursor<TPlace>(wire.Basis, wire.After);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return false;
        }
    }
}
