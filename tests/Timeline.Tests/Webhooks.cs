// Webhooks against a real receiver (Kestrel on loopback): every body parsed with
// CloudNative.CloudEvents and every signature verified with the StandardWebhooks package.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using StandardWebhooks;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class Webhooks(SharedApp app)
{
    readonly string _party = Api.UniqueParty();

    static async Task<(Guid Id, string Secret)> Register(IAlbaHost host, string url, JsonObject? filter = null)
    {
        var (status, body, _) = await host.PostAsync("/api/webhooks", new JsonObject { ["url"] = url, ["filter"] = filter, ["description"] = "test" });
        Assert.Equal(HttpStatusCode.Created, status);
        var registered = body.As<Wire.RegisteredWebhook>();
        return (registered.Id, registered.Secret);
    }

    Task<(Guid Id, string Secret)> Register(Receiver receiver) => Register(app.Host, receiver.Url, new JsonObject { ["party"] = _party });

    /// <summary>Verifies the Standard Webhooks signature and parses the CloudEvent; returns the figure's value.</summary>
    public static long Verified(Received request, string secret)
    {
        var headers = new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => new StringValues(h.Value)));
        new StandardWebhook(secret).Verify(request.Body, headers);
        return Feeds.Parse(request.Body).DataAs<Wire.FigureEvent>().Figure.Value!.Value;
    }

    static async Task<IReadOnlyList<Wire.Delivery>> Deliveries(IAlbaHost host, Guid webhook) =>
        (await DeliveriesJson(host, webhook)).As<List<Wire.Delivery>>();

    static async Task<JsonElement> DeliveriesJson(IAlbaHost host, Guid webhook)
    {
        var (status, body) = await GetWithKey(host, $"/api/webhooks/{webhook}/deliveries");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    static async Task<(HttpStatusCode, JsonElement)> GetWithKey(IAlbaHost host, string url)
    {
        using var client = host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.WriterKey);
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    static async Task<Wire.Delivery> WaitForDelivery(IAlbaHost host, Guid webhook, Func<Wire.Delivery, bool> done, int seconds = 20) =>
        (await Eventually.Until(() => Deliveries(host, webhook), d => d.Count > 0 && done(d[0]),
            TimeSpan.FromSeconds(seconds), "the delivery being done"))[0];

    [Fact]
    public async Task a_matching_event_is_posted_signed_as_a_cloudevent()
    {
        await using var receiver = await Receiver.StartAsync();
        var (id, secret) = await Register(receiver);

        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 11, party: _party));
        var other = await app.Host.Record(Api.Figure(Api.Unique(), 99, party: Api.UniqueParty()));

        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal(11, Verified(request, secret));
        Assert.StartsWith("application/cloudevents+json", request.Headers["Content-Type"]);
        // Once the fan-out is past the other party's event and the delivery is done, nothing more can come.
        await app.Host.FanOutReachedAsync(other.Sequence);
        await WaitForDelivery(app.Host, id, d => d.Status == "delivered");
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task a_receiver_that_fails_the_first_attempts_gets_the_event_on_a_retry()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Answer(500, times: 2);
        var (id, secret) = await Register(receiver);

        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 5, party: _party));

        var requests = await receiver.WaitForAsync(3);
        Assert.All(requests, r => Assert.Equal(5, Verified(r, secret)));
        Assert.Single(requests.Select(r => r.Headers["webhook-id"]).Distinct());
        var delivery = await WaitForDelivery(app.Host, id, d => d.Status == "delivered");
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal([500, 500, 200], delivery.History.Select(a => a.StatusCode!.Value));
    }

    [Fact]
    public async Task a_receiver_that_is_down_then_up_gets_the_event()
    {
        var receiver = await Receiver.StartAsync(running: false);
        await using var _ = receiver;
        var (id, secret) = await Register(receiver);

        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 8, party: _party));
        var failing = await WaitForDelivery(app.Host, id, d => d.Attempts >= 1);
        Assert.Contains("could not reach", failing.History[0].Error);
        await receiver.UpAsync();

        Assert.Equal(8, Verified((await receiver.WaitForAsync(1))[0], secret));
    }

    [Fact]
    public async Task after_the_schedule_is_exhausted_a_delivery_is_dead_lettered_and_can_be_retried_by_hand()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Answer(503, times: 3); // the first attempt and both retries of the test schedule
        var (id, secret) = await Register(receiver);
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 13, party: _party));

        var dead = await WaitForDelivery(app.Host, id, d => d.Status == "dead");
        Assert.Equal(3, dead.Attempts);
        Assert.False((await DeliveriesJson(app.Host, id))[0].TryGetProperty("nextAttemptAt", out _)); // left out, not written as null

        var (status, _, _) = await app.Host.PostAsync($"/api/webhooks/{id}/deliveries/{dead.Id}/retry", "");
        Assert.Equal(HttpStatusCode.Accepted, status);
        await WaitForDelivery(app.Host, id, d => d.Status == "delivered");
        Assert.Equal(13, Verified(receiver.Requests[^1], secret));
    }

    [Fact]
    public async Task a_webhook_waiting_out_a_long_retry_after_keeps_one_wake_up_however_many_events_arrive()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Answer(503, retryAfter: "120");
        var (id, _) = await Register(receiver);
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1, party: _party));
        await receiver.WaitForAsync(1);
        await WaitForDelivery(app.Host, id, d => d.Attempts == 1 && d.NextAttemptAt is not null);

        await using var db = Npgsql.NpgsqlDataSource.Create(app.ConnectionString);
        async Task<(long Scheduled, long Waiting)> Envelopes()
        {
            await using var count = db.CreateCommand(
                "select count(*) filter (where status = 'Scheduled'), count(*) filter (where status = 'Incoming') " +
                "from timeline.wolverine_incoming_envelopes where position(convert_to($1, 'UTF8') in body) > 0");
            count.Parameters.AddWithValue(id.ToString());
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
        // Each event in a fan-out page of its own, each page a wake-up handled before the next.
        for (var i = 2; i <= 12; i++)
        {
            var sequence = (await app.Host.Record(Api.Figure(Api.Unique(), i, party: _party))).Sequence;
            await app.Host.FanOutReachedAsync(sequence);
            await Eventually.Until(Envelopes, e => e.Waiting == 0, what: "the wake-up handled");
        }

        var (waiting, _) = await Envelopes();
        Assert.InRange(waiting, 1, 2); // one, or two when two wake-ups raced; never one per event
        Assert.Single(receiver.Requests); // and nothing was sent before the receiver's Retry-After
    }

    [Fact]
    public async Task retry_after_is_honoured()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Answer(429, retryAfter: "2");
        await Register(receiver);

        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1, party: _party));

        var requests = await receiver.WaitForAsync(2);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task a_410_gone_disables_the_webhook()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Answer(410);
        var (id, _) = await Register(receiver);

        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1, party: _party));
        await receiver.WaitForAsync(1);
        var webhook = await Eventually.Until(() => app.Host.Read<Wire.Webhook>($"/api/webhooks/{id}", AppFixture.WriterKey),
            w => w.Status == "disabled", what: "the webhook being disabled");

        Assert.Contains("410", webhook.DisabledReason);
        var later = await app.Host.Record(Api.Figure(Api.Unique(), 2, party: _party));
        await app.Host.FanOutReachedAsync(later.Sequence);
        Assert.Single(receiver.Requests);
        Assert.Single(await Deliveries(app.Host, id));
    }

    [Fact]
    public async Task events_arrive_in_order_per_webhook_even_when_one_needed_retries()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Answer(500);
        var (_, secret) = await Register(receiver);

        for (var i = 1; i <= 5; i++) await app.Host.RecordedAsync(Api.Figure(Api.Unique(), i, party: _party));

        var requests = await receiver.WaitForAsync(6);
        var delivered = requests.Skip(1).Select(r => Verified(r, secret)).ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], delivered);
    }

    [Fact]
    public async Task a_slow_receiver_counts_as_a_failure_and_does_not_hold_up_others()
    {
        await using var slow = await Receiver.StartAsync();
        slow.Answer(200, times: 10, delay: TimeSpan.FromSeconds(3));
        await using var fast = await Receiver.StartAsync();
        var (slowId, _) = await Register(slow);
        await Register(fast);

        var started = DateTimeOffset.UtcNow;
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1, party: _party));

        var quick = (await fast.WaitForAsync(1))[0];
        Assert.True(quick.At - started < TimeSpan.FromSeconds(3), $"the fast receiver waited {quick.At - started}");
        var timedOut = await WaitForDelivery(app.Host, slowId, d => d.Attempts >= 1);
        Assert.Contains("no answer within", timedOut.History[0].Error);
    }

    [Theory]
    [InlineData("{\"url\":\"ftp://example.org/x\"}", "url")]
    [InlineData("{}", "url")]
    [InlineData("{\"url\":\"http://127.0.0.1/x\",\"filter\":{\"measure\":\"slain\"}}", "filter.measure")]
    [InlineData("{\"url\":\"http://127.0.0.1/x\",\"filter\":{\"colour\":\"red\"}}", "filter.colour")]
    public async Task a_bad_registration_is_a_problem_naming_the_field(string body, string field)
    {
        var (status, problem, _) = await app.Host.PostAsync("/api/webhooks", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        problem.NamesField(field);
    }

    [Fact]
    public async Task webhooks_need_a_key_and_can_be_listed_read_and_removed()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Host.PostAsync("/api/webhooks", "{\"url\":\"http://127.0.0.1/x\"}", key: null)).Status);
        var (id, _) = await Register(app.Host, "http://127.0.0.1:9/x");

        var (_, list) = await GetWithKey(app.Host, "/api/webhooks");
        Assert.Contains(list.As<List<Wire.Webhook>>(), w => w.Id == id);
        // The secret is shown once, at registration: a listed webhook has no such field at all.
        Assert.False(list.EnumerateArray().First(w => w.As<Wire.Webhook>().Id == id).TryGetProperty("secret", out _));

        using var client = app.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", AppFixture.WriterKey);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetWithKey(app.Host, $"/api/webhooks/{id}")).Item1);
    }
}
