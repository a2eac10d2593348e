// Two service instances on one database, and a restart with deliveries still owed.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class SeveralInstances
{
    static async Task<string> SecretOf(IAlbaHost host, string url, string party)
    {
        var (_, body, _) = await host.PostAsync("/api/webhooks", new JsonObject { ["url"] = url, ["filter"] = new JsonObject { ["party"] = party } });
        return body.GetProperty("secret").GetString()!;
    }

    [Fact]
    public async Task a_subscriber_on_one_instance_receives_what_is_recorded_through_the_other()
    {
        var db = await TestCluster.NewDatabaseAsync();
        await using var one = await AppFixture.StartHostAsync(db);
        await using var two = await AppFixture.StartHostAsync(db);
        var party = Api.UniqueParty();

        await using var sse = await SseClient.ConnectAsync(one, $"/api/subscribe?party={party}");
        var (_, recorded, _) = await two.PostAsync("/api/statements", Api.Figure(Api.Unique(), 77, party: party));

        var item = await sse.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(recorded.GetProperty("sequence").GetInt64().ToString(), item.EventId);
    }

    [Fact]
    public async Task each_webhook_delivery_is_made_once_not_once_per_instance()
    {
        var db = await TestCluster.NewDatabaseAsync();
        await using var one = await AppFixture.StartHostAsync(db);
        await using var two = await AppFixture.StartHostAsync(db);
        await using var receiver = await Receiver.StartAsync();
        var party = Api.UniqueParty();
        var secret = await SecretOf(one, receiver.Url, party);

        for (var i = 1; i <= 4; i++)
            await (i % 2 == 0 ? one : two).RecordedAsync(Api.Figure(Api.Unique(), i, party: party));

        await receiver.WaitForAsync(4);
        // Once every delivery is recorded as delivered, no instance will send it again.
        var (_, list) = await GetAsync(one, "/api/webhooks");
        var webhook = list.EnumerateArray().Single().GetProperty("id").GetGuid();
        await Eventually.Until(async () => (await GetAsync(one, $"/api/webhooks/{webhook}/deliveries")).Item2,
            d => d.GetArrayLength() == 4 && d.EnumerateArray().All(x => x.GetProperty("status").GetString() == "delivered"),
            what: "all four deliveries being delivered");
        Assert.Equal([1L, 2L, 3L, 4L], receiver.Requests.Select(r => Webhooks.Verified(r, secret)));
    }

    [Fact]
    public async Task each_estimate_change_alert_is_delivered_once_not_once_per_instance()
    {
        var db = await TestCluster.NewDatabaseAsync();
        await using var one = await AppFixture.StartHostAsync(db);
        await using var two = await AppFixture.StartHostAsync(db);
        await using var receiver = await Receiver.StartAsync();
        var party = Api.UniqueParty();
        await one.PostAsync("/api/webhooks", new JsonObject { ["url"] = receiver.Url, ["filter"] = new JsonObject { ["party"] = party, ["newHigh"] = true } });

        for (var i = 1; i <= 4; i++)
            await (i % 2 == 0 ? one : two).RecordedAsync(Api.Figure(Api.Unique(), i * 100, $"2025-01-{i:00}", party: party));

        await receiver.WaitForAsync(3); // the first figure is no new high: nothing was stated before it
        var (_, list) = await GetAsync(one, "/api/webhooks");
        var webhook = list.EnumerateArray().Single().GetProperty("id").GetGuid();
        await Eventually.Until(async () => (await GetAsync(one, $"/api/webhooks/{webhook}/deliveries")).Item2,
            d => d.GetArrayLength() == 3 && d.EnumerateArray().All(x => x.GetProperty("status").GetString() == "delivered"),
            what: "all three deliveries being delivered");
        Assert.Equal([200L, 300L, 400L], receiver.Requests.Select(r =>
            ((JsonElement)Feeds.Parse(r.Body).Data!).GetProperty("statement").GetProperty("after").GetProperty("value").GetInt64()));
    }

    [Fact]
    public async Task deliveries_owed_when_the_service_stops_are_made_after_it_starts_again()
    {
        var db = await TestCluster.NewDatabaseAsync();
        var receiver = await Receiver.StartAsync(running: false);
        await using var _ = receiver;
        var party = Api.UniqueParty();
        string secret;
        Guid webhook;
        await using (var before = await AppFixture.StartHostAsync(db))
        {
            secret = await SecretOf(before, receiver.Url, party);
            var (_, list) = await GetAsync(before, "/api/webhooks");
            webhook = list.EnumerateArray().Single().GetProperty("id").GetGuid();
            for (var i = 1; i <= 3; i++) await before.RecordedAsync(Api.Figure(Api.Unique(), i, party: party));
            // Wait until the first has failed at least once: delivery is under way when we stop.
            await Eventually.Until(async () => (await GetAsync(before, $"/api/webhooks/{webhook}/deliveries")).Item2,
                d => d.GetArrayLength() == 3 && d.EnumerateArray().Any(x => x.GetProperty("attempts").GetInt32() > 0),
                what: "deliveries being under way");
        }

        await receiver.UpAsync();
        await using var after = await AppFixture.StartHostAsync(db);

        var requests = await receiver.WaitForAsync(3, TimeSpan.FromSeconds(45));
        Assert.Equal([1L, 2L, 3L], requests.Select(r => Webhooks.Verified(r, secret)));
    }

    static async Task<(HttpStatusCode, JsonElement)> GetAsync(IAlbaHost host, string url)
    {
        using var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.WriterKey);
        var response = await client.GetAsync(url);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
