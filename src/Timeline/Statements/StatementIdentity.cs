// A statement's id is a name-based UUID (RFC 9562 version 5) of its canonical content, so the
// same statement always gets the same stream id and the database's primary key on streams
// refuses a second copy — even when two identical posts race. Canonical content ignores key
// order, spacing and letter case; the source and (for figures) the quote are not part of it, so
// the same statement carried by another outlet is recognised as the same statement.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Timeline.Http;
using Timeline.Statements.Recording;

namespace Timeline.Statements;

public static class StatementIdentity
{
    static readonly Guid Namespace = new("6f1d2c3b-8a4e-5b7c-9d0e-1f2a3b4c5d6e");

    public static Guid Of(NewStatement s) => NameBased(Canonical(s));

    public static string Canonical(NewStatement s)
    {
        var parts = new List<string> { Vocabulary.Name(s.Kind), Normalise(s.StatedBy), Date(s.StatedOn) };
        switch (s.Kind)
        {
            case StatementKind.Figure:
                var f = s.Figure!;
                parts.AddRange([
                    f.Party, Vocabulary.Name(f.Group), Vocabulary.Name(f.Measure),
                    Number(f.Value), Number(f.Low), Number(f.High),
                    f.Qualifier is { } q ? Vocabulary.Name(q) : "",
                    Date(f.Period.From), f.Period.To is { } to ? Date(to) : "",
                    Vocabulary.Name(f.Attribution), Normalise(f.Qualitative)]);
                break;
            case StatementKind.NegotiationDay:
                var n = s.Negotiation!;
                parts.AddRange([
                    Normalise(n.Talks), Normalise(n.Venue), n.HeldOn is { } held ? Date(held) : "", Number(n.Day),
                    Set(n.Parties), Set(n.Delegates.Select(d => $"{Normalise(d.Name)}/{d.Party}/{Normalise(d.Role)}")),
                    Set(n.Assessments.Select(a => $"{Normalise(a.By)}/{Normalise(a.Said)}")), Set(n.OpenIssues)]);
                break;
            case StatementKind.Position:
                parts.AddRange([s.Position!.Party, Normalise(s.Position.Summary), Normalise(s.Quote)]);
                break;
        }
        return string.Join('\u001f', parts);
    }

    // Unicode-normalised, lower-case, single-spaced, with typographic quotes made plain.
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c switch
            {
                '\u2018' or '\u2019' or '\u02bc' => '\'',
                '\u201c' or '\u201d' or '\u00ab' or '\u00bb' => '"',
                '\u2013' or '\u2014' => '-',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString();
    }

    static string Set(IEnumerable<string> items) => string.Join('\u001e', items.Select(Normalise).Order(StringComparer.Ordinal));
    static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    static string Number(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
    static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

    // RFC 9562 §5.5: SHA-1 of namespace and name, with version 5 and the RFC variant set.
    public static Guid NameBased(string name)
    {
        Span<byte> ns = stackalloc byte[16];
        Namespace.TryWriteBytes(ns, bigEndian: true, out _);
        var bytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + bytes.Length];
        ns.CopyTo(input);
        bytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true);
    }
}
