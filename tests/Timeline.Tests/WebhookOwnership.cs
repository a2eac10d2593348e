// A webhook belongs to the key that registered it: another writer can neither see, read the
// deliveries of, retry nor delete it (it is simply not there for them), an admin key sees all,
// and one key may hold only so many.
using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class WebhookOwnership(SharedApp app)
{
    static async Task<HttpStatusCode> Send(IAlbaHost host, HttpMethod method, string url, string key)
    {
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new("Bearer", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task another_writer_can_neither_see_nor_touch_a_webhook_and_an_admin_sees_it()
    {
        await using var receiver = await Receiver.StartAsync();
        var party = Api.UniqueParty();
        var (status, hook, _) = await app.Host.PostAsync("/api/webhooks", new JsonObject { ["url"] = receiver.Url, ["filter"] = new JsonObject { ["party"] = party } });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = hook.GetProperty("id").GetGuid();
        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 1, party: party));
        var delivery = (await Eventually.Until(async () => (await app.Host.GetAsync($"/api/webhooks/{id}/deliveries", AppFixture.WriterKey)).Body,
            d => d.GetArrayLength() == 1, what: "the delivery being owed"))[0].GetProperty("id").GetGuid();

        var (_, theirs) = await app.Host.GetAsync("/api/webhooks", AppFixture.OtherWriterKey);
        Assert.DoesNotContain(theirs.EnumerateArray(), w => w.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.NotFound, await Send(app.Host, HttpMethod.Get, $"/api/webhooks/{id}", AppFixture.OtherWriterKey));
        Assert.Equal(HttpStatusCode.NotFound, await Send(app.Host, HttpMethod.Get, $"/api/webhooks/{id}/deliveries", AppFixture.OtherWriterKey));
        Assert.Equal(HttpStatusCode.NotFound, await Send(app.Host, HttpMethod.Post, $"/api/webhooks/{id}/deliveries/{delivery}/retry", AppFixture.OtherWriterKey));
        Assert.Equal(HttpStatusCode.NotFound, await Send(app.Host, HttpMethod.Delete, $"/api/webhooks/{id}", AppFixture.OtherWriterKey));

        Assert.Equal(HttpStatusCode.OK, await Send(app.Host, HttpMethod.Get, $"/api/webhooks/{id}", AppFixture.WriterKey));
        var (_, all) = await app.Host.GetAsync("/api/webhooks", AppFixture.AdminOnlyKey);
        Assert.Contains(all.EnumerateArray(), w => w.GetProperty("id").GetGuid() == id);
        Assert.Equal(HttpStatusCode.OK, await Send(app.Host, HttpMethod.Get, $"/api/webhooks/{id}/deliveries", AppFixture.AdminOnlyKey));
        Assert.Equal(HttpStatusCode.NoContent, await Send(app.Host, HttpMethod.Delete, $"/api/webhooks/{id}", AppFixture.WriterKey));
    }

    [Fact]
    public async Task a_key_may_hold_only_so_many_webhooks()
    {
        await using var host = await AppFixture.StartHostAsync(await TestCluster.NewDatabaseAsync(), more: b => b.UseSetting("Timeline:Webhooks:MaxPerKey", "2"));
        var url = new JsonObject { ["url"] = "https://example.org/hook" };

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) answers.Add((await host.PostAsync("/api/webhooks", url.DeepClone())).Status);
        var (other, _, _) = await host.PostAsync("/api/webhooks", url.DeepClone(), AppFixture.OtherWriterKey);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict], answers);
        Assert.Equal(HttpStatusCode.Created, other); // the cap is per key
    }
}
