// Webhooks go to the public internet only: every spelling of a loopback, private, link-local or
// otherwise non-public address is refused at registration, and a name that resolves to a public
// address when registered but to loopback when delivering (DNS rebinding) is refused at connect.
using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Tests.Support;
using Timeline.Webhooks;

namespace Timeline.Tests;

/// <summary>Names the tests resolve as they please: a private one, and one that changes its answer.</summary>
public sealed class ScriptedResolver : IReceiverResolver
{
    int _rebindingLookups;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Task.FromResult(host switch
    {
        "inside.example" => new[] { IPAddress.Parse("10.0.0.5") },
        // Public at registration; loopback from then on.
        "rebinding.example" => Interlocked.Increment(ref _rebindingLookups) == 1 ? [IPAddress.Parse("93.184.216.34")] : [IPAddress.Loopback],
        _ => throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound),
    });
}

public sealed class PublicOnlyApp : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Host = await AppFixture.StartHostAsync(await TestCluster.NewDatabaseAsync(), more: b =>
        {
            b.UseSetting("Timeline:Webhooks:AllowPrivateAddresses", "false");
            b.ConfigureServices(s => s.AddSingleton<IReceiverResolver, ScriptedResolver>());
        });

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

public sealed class WebhookAddresses(PublicOnlyApp app) : IClassFixture<PublicOnlyApp>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://172.16.5.4/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://[::ffff:7f00:1]/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[64:ff9b::a00:1]/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://017700000001/")]
    [InlineData("http://127.1/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://inside.example/hook")]
    public async Task a_webhook_to_a_non_public_address_is_refused_whatever_its_spelling(string url)
    {
        var (status, problem, _) = await app.Host.PostAsync("/api/webhooks", new JsonObject { ["url"] = url });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), problem.ToString());
    }

    [Fact]
    public async Task a_name_that_rebinds_to_loopback_after_registering_gets_nothing_at_connect_time()
    {
        await using var receiver = await Receiver.StartAsync();
        var party = Api.UniqueParty();
        var (status, hook, _) = await app.Host.PostAsync("/api/webhooks",
            new JsonObject { ["url"] = $"http://rebinding.example:{receiver.Port}/hook", ["filter"] = new JsonObject { ["party"] = party } });
        Assert.Equal(HttpStatusCode.Created, status);

        await app.Host.RecordedAsync(Api.Figure(Api.Unique(), 3, party: party));

        var delivery = await Eventually.Until(async () => (await app.Host.GetAsync($"/api/webhooks/{hook.GetProperty("id").GetGuid()}/deliveries", AppFixture.WriterKey)).Body,
            d => d.GetArrayLength() == 1 && d[0].GetProperty("attempts").GetInt32() >= 1, what: "a first delivery attempt");
        Assert.Contains("not a public one", delivery[0].GetProperty("history")[0].GetProperty("error").GetString());
        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [InlineData("93.184.216.34", true)]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("2002:0a00:0001::1", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("255.255.255.255", false)]
    public void public_addresses_are_told_apart_from_the_rest(string address, bool isPublic) =>
        Assert.Equal(isPublic, ReceiverAddresses.IsPublic(IPAddress.Parse(address)));
}
