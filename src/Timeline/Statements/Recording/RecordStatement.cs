// POST /api/statements and POST /api/statements/batch: record statements, once each.
using System.Text.Json;
using Microsoft.Extensions.Options;
using Timeline.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Timeline.Statements.Recording;

public sealed record RecordedBatchItem(int Index, Guid Id, long Sequence, bool Duplicate, bool SourceAdded);

public sealed record RecordedBatch(int Recorded, int Duplicates, IReadOnlyList<RecordedBatchItem> Items);

public static class RecordStatement
{
    // POST /api/statements and /batch, in the statements group (StatementsModule).
    public static RouteGroupBuilder MapRecording(this RouteGroupBuilder statements)
    {
        statements.MapPost("", RecordStatement.One)
            .WritesJson<StatementRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Record one statement (a duplicate answers 200 with the original id)");
        statements.MapPost("/batch", RecordStatement.Batch)
            .RequireAuthorization(Rights.Write)
            .Accepts<StatementRequest[]>("application/json", "application/x-ndjson", "text/csv")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Record many statements all-or-nothing, as a JSON array, NDJSON or CSV with a header row");
        return statements;
    }

    public static async Task<Results<Created<RecordedStatement>, Ok<RecordedStatement>, ValidationProblem, ProblemHttpResult>> One(HttpContext http, StatementRecorder recorder, TimeProvider clock,
        IOptions<StatementOptions> options, IArchivedArticles articles, CancellationToken ct)
    {
        var (request, body, problem) = await JsonBody.ReadAsync<StatementRequest>(http.Request, options.Value.MaxStatementBytes, ct);
        if (problem is ValidationProblem invalid) return invalid;
        if (problem is ProblemHttpResult refused) return refused;

        var errors = new FieldErrors();
        var statement = StatementValidation.Validate(request!, clock.Today(), errors) is { } valid
            ? await ArticleQuotes.ResolveAsync(request!, valid with { RecordedBy = http.User.Identity?.Name }, articles, errors, ct)
            : null;
        if (statement is null) return Problems.Validation(errors.ToDictionary());
        return await RecordOneAsync(statement, http, body, recorder, ct);
    }

    // One statement recorded (by this endpoint or an article's candidate), then whatever follows it once committed:
    // 201 when new, 200 with the original when not.
    public static async Task<Results<Created<RecordedStatement>, Ok<RecordedStatement>, ValidationProblem, ProblemHttpResult>> RecordOneAsync(
        NewStatement statement, HttpContext http, byte[] body, StatementRecorder recorder, CancellationToken ct, Func<RecordedStatement, Task>? then = null)
    {
        if (!IdempotencyKey.TryRead(http, body, out var key, out var keyProblem)) return keyProblem!;
        RecordResult result;
        try { result = await recorder.RecordAsync([statement], key, ct); }
        catch (IdempotencyKeyReusedException) { return Problems.IdempotencyKeyReused(); }

        if (result.Replayed) Idempotency.MarkReplayed(http.Response);
        var item = result.Items[0];
        if (then is not null) await then(item);
        return item.Duplicate ? TypedResults.Ok(item) : TypedResults.Created($"/api/statements/{item.Id}", item);
    }

    // A JSON array, NDJSON or CSV with a header row; all or nothing.
    public static async Task<Results<Ok<RecordedBatch>, ValidationProblem, ProblemHttpResult>> Batch(HttpContext http, StatementRecorder recorder, TimeProvider clock,
        IOptions<StatementOptions> options, IArchivedArticles articles, CancellationToken ct)
    {
        var ndjson = RequestBody.IsNdjson(http.Request);
        var csv = RequestBody.IsCsv(http.Request);
        if (!ndjson && !csv && !RequestBody.IsJsonOrUnstated(http.Request))
            return Problems.UnsupportedMediaType("a JSON array (application/json), NDJSON (application/x-ndjson) or CSV with a header row (text/csv)");
        byte[] body;
        try { body = await RequestBody.ReadAsync(http.Request, options.Value.MaxBatchBytes, ct); }
        catch (BodyTooLargeException e) { return Problems.TooLarge(e.Limit); }

        var max = options.Value.MaxBatchItems;
        var errors = new FieldErrors(MaxErrors);
        List<(string Prefix, StatementRequest? Request)> requests;
        if (csv)
        {
            requests = StatementsCsv.Parse(body, max, errors);
            if (requests.Count > max) return Problems.Validation("rows", $"must hold at most {max:N0} statements");
        }
        else
        {
            // Counted before anything is parsed: an over-long batch is refused at the cost of one pass over its bytes.
            var count = ndjson ? CountLines(body) : CountArrayItems(body);
            if (count > max) return Problems.Validation("items", $"must hold at most {max:N0} statements (this batch holds {count:N0})");
            requests = [.. (ndjson ? ParseNdjson(body, errors) : ParseArray(body, errors)).Select((r, i) => ($"items[{i}].", r))];
        }
        // A CSV row with an unreadable cell is already named; the other rows are still checked, so one answer names every bad cell.
        if (errors.Any && (!csv || requests.Count == 0)) return Problems.Validation(errors.ToDictionary(), errors.Detail());
        if (requests.Count == 0) return Problems.Validation(csv ? "rows" : "items", "must hold at least one statement");

        var today = clock.Today();
        var statements = new List<NewStatement>(requests.Count);
        foreach (var (prefix, request) in requests)
        {
            if (request is not { } r)
            {
                if (!csv) errors.Add(prefix.TrimEnd('.'), "must be a statement object");
                continue;
            }
            if (StatementValidation.Validate(r, today, errors, prefix) is { } s
                && await ArticleQuotes.ResolveAsync(r, s with { RecordedBy = http.User.Identity?.Name }, articles, errors, ct, prefix) is { } resolved)
                statements.Add(resolved);
        }
        if (errors.Any) return Problems.Validation(errors.ToDictionary(), errors.Detail());
        if (!IdempotencyKey.TryRead(http, body, out var key, out var keyProblem)) return keyProblem!;

        RecordResult result;
        try { result = await recorder.RecordAsync(statements, key, ct); }
        catch (IdempotencyKeyReusedException) { return Problems.IdempotencyKeyReused(); }

        if (result.Replayed) Idempotency.MarkReplayed(http.Response);
        var items = result.Items.Select((r, i) => new RecordedBatchItem(i, r.Id, r.Sequence, r.Duplicate, r.SourceAdded)).ToList();
        return TypedResults.Ok(new RecordedBatch(items.Count(i => !i.Duplicate), items.Count(i => i.Duplicate), items));
    }

    // A batch's answer names at most this many errors, and says how many more there were.
    const int MaxErrors = 100;

    static int CountLines(ReadOnlySpan<byte> body)
    {
        var count = 0;
        foreach (var line in body.Split((byte)'\n'))
            if (!body[line].Trim(" \t\r"u8).IsEmpty) count++;
        return count;
    }

    // The top-level items of a JSON array, read without building them (0 for what is not an array: parsing says why).
    static int CountArrayItems(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        var count = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                count++;
                reader.Skip();
            }
        }
        catch (JsonException) { }
        return count;
    }

    static List<StatementRequest?> ParseArray(byte[] body, FieldErrors errors)
    {
        try
        {
            return JsonSerializer.Deserialize<List<StatementRequest?>>(body, JsonBody.Options) ?? [];
        }
        catch (JsonException e)
        {
            var (field, message) = JsonBody.Describe(e, "items");
            errors.Add(field == "body" ? "body" : field, field == "body" ? "must be a JSON array of statements" : message);
            return [];
        }
    }

    static List<StatementRequest?> ParseNdjson(byte[] body, FieldErrors errors)
    {
        var list = new List<StatementRequest?>();
        var bytes = body.AsSpan();
        // Each line read from the bytes as they came: no copy of the whole body as text.
        foreach (var range in bytes.Split((byte)'\n'))
        {
            var line = bytes[range];
            if (line.Trim(" \t\r"u8).IsEmpty) continue;
            try { list.Add(JsonSerializer.Deserialize<StatementRequest>(line, JsonBody.Options)); }
            catch (JsonException e)
            {
                var (field, message) = JsonBody.Describe(e);
                errors.Add(field == "body" ? $"items[{list.Count}]" : $"items[{list.Count}].{field}", message);
                list.Add(null);
            }
        }
        return list;
    }
}
