// A history's first page works its figures out in memory (AsOfRule) and writes its JSON itself
// (HistoryJson): the rule must answer as the standing SQL does on the same facts, and the bytes must
// be those the serializer writes from the HistoryAnswer records.
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Timeline.Estimates;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class HistoryFromStart(SharedApp app)
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task the_in_memory_as_of_rule_stands_every_figure_the_sql_stands_at_every_place_and_basis(int seed)
    {
        var party = Api.UniqueParty();
        await RandomLog.RecordAsync(app.Host, party, new Random(seed));
        var store = app.Host.Services.GetRequiredService<FactStore>();
        var ids = RandomLog.Measures.Select(m => $"{party}-military-{m}").ToArray();
        var facts = await Facts.OfPartyAsync(app.Host, party, RandomLog.Measures);
        var places = facts.Select(f => (f.StatedOn, f.Seq)).Append((DateOnly.MaxValue, long.MaxValue)).ToList();
        var bases = new[] { facts[facts.Count / 3].Seq, facts[2 * facts.Count / 3].Seq, facts[^1].Seq };
        var compared = 0;
        foreach (var basis in bases)
        foreach (var at in places)
        {
            var sql = await store.StandingAtAsync(ids, at, basis, default);
            var memory = Standing(facts, at, basis);
            Assert.Equal(sql.Select(Describe), memory.Select(Describe));
            compared += sql.Count;
        }
        Assert.True(compared > 0);
    }

    // The rule's pieces, as the replay state uses them, composed into the whole rule at a place in the replay order (statedOn, seq) and a basis: each (series, source)'s figure, ordered as the SQL orders them.
    static IReadOnlyList<(Fact Fact, long ReportSeq)> Standing(IEnumerable<Fact> facts, (DateOnly StatedOn, long Seq) at, long basis) =>
        facts.Where(f => f.Seq <= basis && (f.StatedOn, f.Seq).CompareTo(at) <= 0)
            .GroupBy(f => f.StatementId)
            .Select(AsOfRule.Stands)
            .OfType<(Fact Fact, long ReportSeq)>()
            .GroupBy(s => (s.Fact.Series!.Id, s.Fact.SourceKey))
            .Select(g => AsOfRule.Top(g)!.Value)
            .OrderBy(s => s.Fact.Series!.Id, StringComparer.Ordinal).ThenBy(s => s.Fact.SourceKey, StringComparer.Ordinal)
            .ToList();

    static string Describe((Fact Fact, long ReportSeq) s) => $"{s.Fact.Series!.Id} {s.Fact.SourceKey} {s.Fact.EventId} {s.ReportSeq}";

    [Fact]
    public async Task the_history_is_written_byte_for_byte_as_the_serializer_writes_its_records()
    {
        var party = Api.UniqueParty();
        const string Series = "military-killed";
        var options = app.Host.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        await RecordRichSeriesAsync(party);

        foreach (var query in new[] { "", "?limit=4", "?from=2025-01-06", "?to=2025-01-09" })
        {
            using var client = app.Host.Server.CreateClient();
            var response = await client.GetAsync($"/api/estimates/{party}-{Series}/history{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var written = await response.Content.ReadAsByteArrayAsync();
            var records = JsonSerializer.Deserialize<HistoryAnswer>(written, options)!;
            Assert.NotEmpty(records.Entries);
            Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(records, options)), Encoding.UTF8.GetString(written));
        }
        // And against the records built from the same facts as the endpoint built them before it wrote its own JSON
        // (a field the writer left out would survive the round trip above, not this).
        var facts = await Facts.OfPartyAsync(app.Host, party, "killed", "wounded");
        var series = facts.First(f => f.Series?.Id == $"{party}-{Series}").Series!;
        var withFigures = facts.Where(f => f.Series is not null).ToList();
        var entries = facts.Select((f, i) => new HistoryJson.Entry(f,
            i == 0 ? null : (withFigures[i % withFigures.Count], withFigures[i % withFigures.Count].Seq),
            f.Series is null ? null : (f, f.Seq + i))).ToList();
        foreach (var next in new[] { null, "a-cursor" })
        {
            var records = new HistoryAnswer(series, 42, entries.Select(e =>
                new HistoryEntry(e.Fact.StatementId, e.Fact.StatedOn, e.Fact.StatedBy, e.Fact.Change, e.Fact.Value, e.Fact.Low, e.Fact.High,
                    e.Fact.Qualifier, e.Fact.Qualitative, e.Previous is { } p ? EstimateCalculator.Entry(p.Fact, p.ReportSeq) : null)
                {
                    After = e.After is { } a ? EstimateCalculator.Entry(a.Fact, a.ReportSeq) : null,
                }).ToList(), next);
            var written = new System.Buffers.ArrayBufferWriter<byte>();
            new HistoryJson(series, 42, entries, next).Write(written, options);
            Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(records, options)), Encoding.UTF8.GetString(written.WrittenSpan));
        }

        var whole = await app.Host.History($"{party}-{Series}");
        Assert.Contains(whole.Entries, e => e.Change == "retracted");
        Assert.Contains(whole.Entries, e => e.Change == "corrected");
        Assert.Contains(whole.Entries, e => e.Qualitative is not null);
    }

    [Fact]
    public async Task a_history_from_its_start_is_one_query_however_many_figures_its_revisions_uncover()
    {
        var party = Api.UniqueParty();
        await RecordRichSeriesAsync(party);
        var (status, _, queries) = await app.Host.GetCountingAsync($"/api/estimates/{party}-military-killed/history");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(queries);
        // From a date, the page starts from the standing SQL and asks it again for the figure a retraction uncovers.
        var (_, _, fromDate) = await app.Host.GetCountingAsync($"/api/estimates/{party}-military-killed/history?from=2025-01-06");
        Assert.True(fromDate.Count > 2, string.Join("\n", fromDate));
    }

    // Reports with values, ranges and words; non-ASCII and HTML-sensitive quotes; a source without url;
    // corrections (one moving a figure out and back), retractions, one of a source's top figure.
    async Task RecordRichSeriesAsync(string party)
    {
        var moved = await app.Host.RecordedAsync(Figure("Міноборони", 1200, "2025-01-03", "Понад 1200 окупантів — «ліквідовано» <b>&</b>"));
        var ranged = await app.Host.RecordedAsync(Figure("Генштаб ЗСУ", 0, "2025-01-04", "від 900 до 1100 \"приблизно\"").Range(900, 1100));
        var words = Figure("Independent Analyst", 0, "2025-01-05", "a large number, per l'Agence");
        words["figure"]!.AsObject().Remove("value");
        words["figure"]!.AsObject().Remove("qualifier");
        words["figure"]!["qualitative"] = "a large number — «много»";
        words["source"]!.AsObject().Remove("url");
        await app.Host.RecordedAsync(words);
        var later = await app.Host.RecordedAsync(Figure("Міноборони", 1500, "2025-01-08", "1500 😐 killed"));
        await app.Host.RecordedAsync(Figure("Генштаб ЗСУ", 1300, "2025-01-09", "1300 killed"));
        await app.Host.Correct(ranged, Api.Correction(1000, "2025-01-06", party));
        await app.Host.Correct(moved, Api.Correction(1250, "2025-01-07", party, "wounded"));
        await app.Host.Correct(moved, Api.Correction(1260, "2025-01-10", party));
        await app.Host.Retract(later, Api.Retraction("2025-01-11"));
        await app.Host.Retract(ranged, Api.Retraction("2025-01-12"));

        System.Text.Json.Nodes.JsonObject Figure(string by, long value, string on, string quote)
        {
            var f = Api.Figure(by, value, on, party);
            f["quote"] = quote;
            return f;
        }
    }
}
