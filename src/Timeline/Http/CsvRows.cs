// A CSV answer written row by row as its rows are worked out, flushed every so often: the service
// never holds the whole answer, and the client has the first rows while the rest are still read.
using System.Text;

namespace Timeline.Http;

public sealed class CsvRows(string header, IAsyncEnumerable<string> rows) : IResult
{
    // Flush once this much is buffered: the client sees progress, the socket is not written a row at a time.
    const int FlushEvery = 16 * 1024;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        var ct = http.RequestAborted;
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), bufferSize: FlushEvery, leaveOpen: true);
        await writer.WriteLineAsync(CsvField.Header(header));
        var pending = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(row);
            pending += row.Length;
            if (pending < FlushEvery) continue;
            await writer.FlushAsync(ct);
            pending = 0;
        }
        await writer.FlushAsync(ct);
    }

    // The Link header naming the next page: this request with its cursor replaced.
    public static string NextLink(HttpRequest request, string cursor)
    {
        var query = QueryString.Create(request.Query.Where(q => q.Key != "cursor").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))))
            .Add("cursor", cursor);
        return $"<{request.Path}{query}>; rel=\"next\"";
    }
}
