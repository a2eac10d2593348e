// HTTP caching by basis, for every endpoint marked CacheableByBasis. The ETag is worked out before
// the answer — from the request and the basis it would be read at — so If-None-Match is answered
// 304 without computing anything: at once for an answer fixed by its query, after one read of the
// latest sequence otherwise. An endpoint that reports the basis it read at is tagged with that
// basis, and is not preceded by that read unless the request is conditional. Fixed answers may be
// kept forever (an answer at an instant too, once nothing recorded by then can still commit);
// answers about the present for a short while, served stale while a cache revalidates. Streams
// (SSE) are never cached.
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Timeline.EventLog;
using Timeline.Http;

namespace Timeline.Hosting;

public sealed class CachingOptions
{
    public const string Section = "Timeline:Caching";

    // How long an answer about the present may be served without asking again.
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan PresentMaxAge { get; set; } = TimeSpan.FromSeconds(5);

    // How long after that a cache may go on serving it while it revalidates.
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan StaleWhileRevalidate { get; set; } = TimeSpan.FromSeconds(30);
}

public static class HttpCaching
{
    public const string Immutable = "public, max-age=31536000, immutable";

    public static IServiceCollection AddHttpCaching(this IServiceCollection services)
    {
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IApplicationBuilder UseHttpCaching(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                || http.GetEndpoint()?.Metadata.GetMetadata<CacheByBasis>() is not { } caching
                || http.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                await next();
                return;
            }
            var query = http.Request.Query;
            var clock = http.RequestServices.GetRequiredService<TimeProvider>();
            var fixedAt = caching.Fixed.FirstOrDefault(f => Fixes(query[f.Basis].ToString(), clock) && f.Dates.All(d => !string.IsNullOrEmpty(query[d])));
            string? etag;
            string cacheControl;
            // Defaults such as asOf=today move at midnight: the day is part of what the answer is read at.
            string Today() => clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var conditional = http.Request.Headers.IfNoneMatch.Count > 0;
            if (fixedAt is not null)
            {
                etag = Tag("k", query[fixedAt.Basis].ToString(), http, "");
                cacheControl = Immutable;
            }
            else
            {
                var o = http.RequestServices.GetRequiredService<IOptions<CachingOptions>>().Value;
                cacheControl = $"public, max-age={(int)o.PresentMaxAge.TotalSeconds}, stale-while-revalidate={(int)o.StaleWhileRevalidate.TotalSeconds}";
                etag = null;
                // Only a conditional request needs the latest basis ahead of the answer (to answer 304 without
                // computing anything); otherwise an endpoint that reports its basis is tagged with that one.
                if (conditional || !caching.Reports)
                {
                    // Where the answer will be read: a replica's basis (already read when it was chosen) may trail the primary's.
                    var reads = http.RequestServices.GetRequiredService<ReadSource>();
                    long basis;
                    try { basis = reads.Replayed ?? await LogTables.HighWaterMarkAsync(reads.Chosen ?? http.RequestServices.GetRequiredService<NpgsqlDataSource>(), http.RequestAborted); }
                    catch (NpgsqlException)
                    {
                        // No tag without a basis: the answer goes out uncached, and the endpoint meets the database's trouble itself.
                        await next();
                        return;
                    }
                    etag = Tag("b", basis.ToString(CultureInfo.InvariantCulture), http, Today());
                }
            }

            var headers = http.Response.Headers;
            if (etag is not null && Matches(http.Request.Headers.IfNoneMatch.ToString(), etag))
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                headers.ETag = etag;
                headers.CacheControl = cacheControl;
                headers.Vary = "Accept";
                return;
            }
            var reported = fixedAt is null && caching.Reports ? new ReportedBasis() : null;
            if (reported is not null) http.Features.Set(reported);
            http.Response.OnStarting(() =>
            {
                // The basis the answer was read at, when its endpoint told it, tags it exactly.
                var tag = reported?.Basis is { } b ? Tag("b", b.ToString(CultureInfo.InvariantCulture), http, Today()) : etag;
                if (http.Response.StatusCode == StatusCodes.Status200OK && tag is not null)
                {
                    headers.ETag = tag;
                    headers.CacheControl = cacheControl;
                    headers.Vary = "Accept";
                }
                return Task.CompletedTask;
            });
            await next();
        });

    // A basis fixes the answer; so does an instant old enough that nothing recorded at or before it can still
    // commit. A younger instant's answer may yet change, and is cached as briefly as the present's.
    static bool Fixes(string knownAt, TimeProvider clock) =>
        knownAt.Length > 0 && Fields.KnownAt(knownAt, new FieldErrors(), "knownAt") switch
        {
            ({ }, _) => true,
            (null, { } instant) => instant < clock.GetUtcNow() - AppendOrder.Settled,
            _ => false,
        };

    // A strong tag: the same request at the same basis (and day) is answered with the same bytes.
    static string Tag(string kind, string basis, HttpContext http, string day)
    {
        var request = $"{http.Request.Path}{http.Request.QueryString}\n{http.Request.Headers.Accept}\n{day}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)))[..16];
        return $"\"{kind}{basis}-{hash}\"";
    }

    static bool Matches(string ifNoneMatch, string etag) =>
        ifNoneMatch.Length > 0 && (ifNoneMatch.Trim() == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag));
}
