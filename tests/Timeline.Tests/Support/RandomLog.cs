// A random log of one party's figures, for the model-based tests: 40 changes over 120 days from
// three sources in two measures — mostly reports, some corrections (perhaps moving a figure to the
// other measure) and retractions of earlier reports. The same seed records the same log.
using System.Net;
using Alba;

namespace Timeline.Tests.Support;

public static class RandomLog
{
    public static readonly string[] Sources = ["Ministry", "Institute", "Monitor"];
    public static readonly string[] Measures = ["killed", "wounded"];
    public static readonly DateOnly Start = new(2025, 1, 1);

    public static async Task RecordAsync(IAlbaHost host, string party, Random random)
    {
        var reports = new List<(Guid Id, DateOnly On)>();
        for (var i = 0; i < 40; i++)
        {
            var on = Start.AddDays(random.Next(120));
            var roll = random.Next(10);
            if (roll < 7 || reports.Count == 0)
            {
                var (status, body, _) = await host.PostAsync("/api/statements",
                    Api.Figure(Sources[random.Next(3)], random.Next(1, 5000), $"{on:yyyy-MM-dd}", party: party, measure: Measures[random.Next(2)]));
                if (status == HttpStatusCode.Created) reports.Add((body.GetProperty("id").GetGuid(), on));
            }
            else
            {
                var (id, reported) = reports[random.Next(reports.Count)];
                var when = $"{reported.AddDays(random.Next(30)):yyyy-MM-dd}";
                await host.PostAsync(roll < 9 ? $"/api/statements/{id}/corrections" : $"/api/statements/{id}/retractions",
                    roll < 9 ? Api.Correction(random.Next(1, 5000), when, party, Measures[random.Next(2)]) : Api.Retraction(when));
            }
        }
    }
}
