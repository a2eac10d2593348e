// Model-based check of the estimates: random reports, corrections (some moving a statement to
// another series) and retractions, recorded in random order of statedOn, through the API. For
// several asOf dates and bases, the API's answer must equal a naive reference computed straight
// from the list of recorded events. CsCheck shrinks a failing case to a small one.
using System.Net;
using System.Text.Json;
using CsCheck;
using Timeline.Estimates;
using Timeline.Http;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class EstimatesModel(SharedApp app)
{
    static readonly DateOnly Day0 = new(2025, 1, 1);
    static readonly string[] Sources = ["Ministry", "Institute", "Intelligence"];
    static readonly string[] Measures = ["killed", "wounded"];

    public abstract record Op;
    public sealed record Report(int Source, int Day, int Value) : Op;
    public sealed record Correct(int Target, int Delay, int Value, int Measure) : Op;
    public sealed record Retract(int Target, int Delay) : Op;

    /// <summary>What the service recorded, in recording order, with the global sequence it got.</summary>
    sealed record Recorded(Guid Statement, string Kind, string Source, DateOnly StatedOn, int Value, string Measure, long Seq);

    static readonly Gen<Op> AnOp = Gen.Frequency(
        (5, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 60], Gen.Int[0, 50], (s, d, v) => (Op)new Report(s, d, v))),
        (2, Gen.Select(Gen.Int[0, 9], Gen.Int[0, 40], Gen.Int[0, 50], Gen.Int[0, 1], (t, d, v, m) => (Op)new Correct(t, d, v, m))),
        (1, Gen.Select(Gen.Int[0, 9], Gen.Int[0, 40], (t, d) => (Op)new Retract(t, d))));

    static readonly Gen<(Op[] Ops, int[] AsOfDays)> Cases =
        Gen.Select(AnOp.Array[1, 9], Gen.Int[-1, 110].Array[3]);

    [Fact]
    public async Task the_api_answers_as_a_naive_reference_does_for_any_as_of_and_known_at()
    {
        await Cases.SampleAsync(async c => await Check(c.Ops, c.AsOfDays), iter: 300, threads: 2,
            print: c => string.Join(", ", c.Ops.Select(o => o.ToString())) + " | asOf days " + string.Join(",", c.AsOfDays));
    }

    async Task Check(Op[] ops, int[] asOfDays)
    {
        var party = Api.UniqueParty();
        var recorded = new List<Recorded>();
        var reports = new List<(Guid Id, string Source, DateOnly On)>();
        foreach (var op in ops)
        {
            switch (op)
            {
                case Report r:
                {
                    var source = $"{Sources[r.Source]}";
                    var on = Day0.AddDays(r.Day);
                    var (status, body, _) = await app.Host.PostAsync("/api/statements", Api.Figure(source, r.Value, Iso(on), party: party));
                    var id = body.GetProperty("id").GetGuid();
                    if (status == HttpStatusCode.Created)
                    {
                        recorded.Add(new Recorded(id, "reported", source, on, r.Value, "killed", body.GetProperty("sequence").GetInt64()));
                        reports.Add((id, source, on));
                    }
                    else Assert.Equal(HttpStatusCode.OK, status);
                    break;
                }
                case Correct c when reports.Count > 0:
                {
                    var target = reports[c.Target % reports.Count];
                    var on = target.On.AddDays(c.Delay);
                    var (status, body, _) = await app.Host.PostAsync($"/api/statements/{target.Id}/corrections",
                        Api.Correction(c.Value, Iso(on), party, Measures[c.Measure]));
                    if (status == HttpStatusCode.Created)
                        recorded.Add(new Recorded(target.Id, "corrected", target.Source, on, c.Value, Measures[c.Measure], body.GetProperty("sequence").GetInt64()));
                    else Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
                    break;
                }
                case Retract x when reports.Count > 0:
                {
                    var target = reports[x.Target % reports.Count];
                    var on = target.On.AddDays(x.Delay);
                    var (status, body, _) = await app.Host.PostAsync($"/api/statements/{target.Id}/retractions", Api.Retraction(Iso(on)));
                    if (status == HttpStatusCode.Created)
                        recorded.Add(new Recorded(target.Id, "retracted", target.Source, on, 0, "", body.GetProperty("sequence").GetInt64()));
                    // A repeated retraction is the one already recorded (200); one of another date is refused (409).
                    else Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict });
                    break;
                }
            }
        }
        if (recorded.Count == 0) return;

        // The as-of rule, in SQL, must agree with the reference for every basis and date (replay and
        // history start from the same SQL; ReplayPaging holds them to the reference).
        var bases = new[] { recorded[0].Seq, recorded[recorded.Count / 2].Seq, recorded[^1].Seq }.Distinct();
        foreach (var basis in bases)
        foreach (var asOf in asOfDays.Select(d => Day0.AddDays(d)))
        {
            var (status, answer) = await app.Host.GetAsync($"/api/estimates?party={party}&asOf={Iso(asOf)}&knownAt={basis}");
            Assert.Equal(HttpStatusCode.OK, status);
            var expected = Reference(recorded, asOf, basis);
            var actual = answer.GetProperty("series").EnumerateArray().ToDictionary(
                s => s.GetProperty("measure").GetString()!,
                s => Describe(s));
            Assert.Equal(expected, actual);
        }

        // A page of one series at a time, followed to the last, gives the same (the cursor keeps the first page's basis).
        foreach (var asOf in asOfDays.Select(d => Day0.AddDays(d)))
        {
            var paged = new Dictionary<string, string>();
            long? pagedAt = null;
            for (string? cursor = ""; cursor is not null;)
            {
                var (status, page) = await app.Host.GetAsync($"/api/estimates?party={party}&asOf={Iso(asOf)}&limit=1&cursor={Uri.EscapeDataString(cursor)}");
                Assert.Equal(HttpStatusCode.OK, status);
                pagedAt ??= page.GetProperty("basis").GetInt64();
                Assert.Equal(pagedAt, page.GetProperty("basis").GetInt64());
                foreach (var s in page.GetProperty("series").EnumerateArray()) paged.Add(s.GetProperty("measure").GetString()!, Describe(s));
                cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
            }
            Assert.Equal(Reference(recorded, asOf, pagedAt!.Value), paged);
        }
    }

    /// <summary>The rules of the estimates issue, applied directly to the recorded events.</summary>
    static Dictionary<string, string> Reference(List<Recorded> events, DateOnly asOf, long basis)
    {
        var standing = new List<(string Measure, string Source, DateOnly On, long ReportSeq, int Value)>();
        foreach (var statement in events.Where(e => e.Seq <= basis && e.StatedOn <= asOf).GroupBy(e => e.Statement))
        {
            if (statement.Any(e => e.Kind == "retracted")) continue;
            var report = statement.Single(e => e.Kind == "reported");
            var stands = statement.OrderBy(e => e.StatedOn).ThenBy(e => e.Seq).Last();
            standing.Add((stands.Measure, report.Source, report.StatedOn, report.Seq, stands.Value));
        }
        return standing.GroupBy(s => s.Measure).ToDictionary(g => g.Key, g =>
        {
            var bySource = g.GroupBy(s => s.Source).Select(s => s.OrderBy(x => x.On).ThenBy(x => x.ReportSeq).Last()).ToList();
            var latest = bySource.OrderBy(x => x.On).ThenBy(x => x.ReportSeq).Last();
            return $"latest {latest.Source}={latest.Value}; " +
                   string.Join(" ", bySource.OrderBy(s => s.Source, StringComparer.OrdinalIgnoreCase).Select(s => $"{s.Source}={s.Value}@{Iso(s.On)}")) +
                   $"; range {bySource.Min(s => s.Value)}-{bySource.Max(s => s.Value)}";
        });
    }

    static string Describe(JsonElement s)
    {
        var latest = s.GetProperty("latest");
        var bySource = s.GetProperty("bySource").EnumerateArray()
            .Select(e => $"{e.GetProperty("statedBy").GetString()}={e.GetProperty("value").GetInt64()}@{e.GetProperty("statedOn").GetString()}");
        var range = s.GetProperty("range");
        return $"latest {latest.GetProperty("statedBy").GetString()}={latest.GetProperty("value").GetInt64()}; " +
               string.Join(" ", bySource) +
               $"; range {range.GetProperty("low").GetInt64()}-{range.GetProperty("high").GetInt64()}";
    }

    static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");
}
