// Bearer API keys: writes need a key, reads are open. Keys come from configuration
// (Timeline:ApiKeys), TIMELINE_API_KEY is a key with every right, and when neither is set the
// service makes a key at first start and keeps it in its data folder. Keys are compared by
// their SHA-256 digests in fixed time; the keys themselves are never logged.
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Timeline.Hosting;
using Timeline.Http;

namespace Timeline.Security;

public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    // Rights this key has; a configured key that names none may write.
    public List<string> Rights { get; set; } = [];
}

public sealed class ApiKeyRing
{
    readonly List<(byte[] Digest, string Name, string[] Rights)> _keys;

    public ApiKeyRing(IEnumerable<ApiKeyEntry> keys) =>
        _keys = keys.Select(k => (Digest(k.Key), k.Name, k.Rights.ToArray())).ToList();

    public int Count => _keys.Count;

    public (string Name, string[] Rights)? Find(string presented)
    {
        var digest = Digest(presented);
        (string, string[])? found = null;
        foreach (var k in _keys)
            if (CryptographicOperations.FixedTimeEquals(k.Digest, digest)) found = (k.Name, k.Rights);
        return found;
    }

    static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    // The keys in force: configured ones, TIMELINE_API_KEY, or else one generated and kept in the data folder.
    public static ApiKeyRing Resolve(IConfiguration configuration, string dataDirectory, ILogger logger)
    {
        var keys = configuration.GetSection("Timeline:ApiKeys").Get<List<ApiKeyEntry>>() ?? [];
        foreach (var (k, i) in keys.Select((k, i) => (k, i)))
        {
            if (string.IsNullOrWhiteSpace(k.Key) || k.Key.Length < 16)
                throw new OptionsValidationException("Timeline:ApiKeys", typeof(ApiKeyEntry), [$"Timeline:ApiKeys:{i}:Key must be at least 16 characters"]);
            if (k.Rights.Except(Rights.All).FirstOrDefault() is { } unknown)
                throw new OptionsValidationException("Timeline:ApiKeys", typeof(ApiKeyEntry), [$"Timeline:ApiKeys:{i}:Rights has unknown right '{unknown}' (known: write, admin)"]);
            if (string.IsNullOrWhiteSpace(k.Name)) k.Name = $"key-{i}";
            if (k.Rights.Count == 0) k.Rights.Add(Rights.Write);
        }
        if (configuration["TIMELINE_API_KEY"] is { Length: > 0 } env)
        {
            // A short key can be guessed: refuse to start rather than guard writes with it.
            if (env.Trim().Length < 16)
                throw new OptionsValidationException("TIMELINE_API_KEY", typeof(ApiKeyEntry), ["TIMELINE_API_KEY must be at least 16 characters"]);
            keys.Add(new ApiKeyEntry { Name = "TIMELINE_API_KEY", Key = env.Trim(), Rights = [.. Rights.All] });
        }
        if (keys.Count > 0) return new ApiKeyRing(keys);

        var file = Path.Combine(dataDirectory, "api-key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataDirectory);
            PrivateFile.Write(file, "tl_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant() + "\n");
        }
        logger.LogInformation("No API key configured: writes take the key kept in {ApiKeyFile} (Authorization: Bearer <key>)", file);
        return new ApiKeyRing([new ApiKeyEntry { Name = "generated", Key = File.ReadAllText(file).Trim(), Rights = [.. Rights.All] }]);
    }
}

public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing ring)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail("Use Authorization: Bearer <key>"));
        if (ring.Find(header["Bearer ".Length..].Trim()) is not { } key)
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key"));

        var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
        claims.AddRange(key.Rights.Select(r => new Claim("right", r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await TypedResults.Problem(
            failure is null ? "This request records data: send an API key as Authorization: Bearer <key>." : $"{failure}. Nothing was recorded.",
            statusCode: StatusCodes.Status401Unauthorized, title: "API key required").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem("This API key does not have the right this request needs. Nothing was recorded.",
            statusCode: StatusCodes.Status403Forbidden, title: "Not allowed").ExecuteAsync(Context);
}

public static class ApiKeySetup
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services, ApiKeyRing ring)
    {
        services.AddSingleton(ring);
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Rights.Write, p => p.RequireClaim("right", Rights.Write))
            .AddPolicy(Rights.Admin, p => p.RequireClaim("right", Rights.Admin));
        return services;
    }
}
