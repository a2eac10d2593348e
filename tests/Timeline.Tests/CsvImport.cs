// Statements from a spreadsheet: POST /api/statements/batch with text/csv. All or nothing; a bad
// cell is named by its spreadsheet row (the header is row 1) and its column.
using System.Net;
using System.Text.Json;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class CsvImport(SharedApp app)
{
    readonly string _party = Api.UniqueParty();

    const string Header = "kind,statedOn,statedBy,quote,source.title,source.publishedOn,figure.party,figure.group,figure.measure,figure.value,figure.low,figure.high,figure.qualifier,figure.period.from,figure.attribution\n";

    string Row(string statedBy, string value, string quote = "\"about 1,000, he said\"", string measure = "killed", string statedOn = "2025-06-01") =>
        $"figure,{statedOn},{statedBy},{quote},Spreadsheet of figures,2025-06-02,{_party},military,{measure},{value},,,approximately,2022-02-24,own-side\n";

    Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> Post(string csv) =>
        app.Host.PostAsync("/api/statements/batch", csv, contentType: "text/csv");

    async Task<Dictionary<string, long>> BySource(string measure = "killed") =>
        (await app.Host.Estimates(party: _party))[$"{_party}-military-{measure}"]?.BySource.ToDictionary(e => e.StatedBy, e => e.Value!.Value) ?? [];

    [Fact]
    public async Task a_spreadsheet_of_figures_is_recorded_and_the_same_file_again_records_nothing_new()
    {
        var csv = Header + Row("Ministry", "\"55,000\"") + Row("Institute", "1200", quote: "\"a quote with \"\"quotes\"\", commas\nand a line break\"");

        var (status, body, _) = await Post(csv);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(2, body.As<Wire.Batch>().Recorded);
        Assert.Equal(new Dictionary<string, long> { ["Ministry"] = 55_000, ["Institute"] = 1200 }, await BySource());
        var statement = await app.Host.Statement(body.As<Wire.Batch>().Items[1].Id);
        Assert.Equal("a quote with \"quotes\", commas\nand a line break", statement.Quote);

        var (again, second, _) = await Post(csv);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal((0, 2), (second.As<Wire.Batch>().Recorded, second.As<Wire.Batch>().Duplicates));
    }

    [Fact]
    public async Task a_bad_cell_is_named_by_row_and_column_and_nothing_in_the_file_is_recorded()
    {
        var csv = Header + Row("Ministry", "900") + Row("Institute", "lots") + Row("Agency", "700", measure: "bruised");

        var (status, body, _) = await Post(csv);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["rows[3].figure.value", "rows[4].figure.measure"], body.As<Wire.Problem>().Errors!.Keys.Order());
        Assert.Empty(await BySource());
    }

    [Fact]
    public async Task a_column_that_is_not_a_statement_field_is_refused_by_name()
    {
        var (status, body, _) = await Post(Header.Replace("figure.value", "figure.valeu") + Row("Ministry", "900"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'figure.valeu'", body.As<Wire.Problem>().Errors!["columns"][0]);
        Assert.Empty(await BySource());
    }

    [Fact]
    public async Task a_semicolon_separated_file_with_a_byte_order_mark_as_spreadsheets_save_it_is_read()
    {
        var csv = "\uFEFF" + (Header + Row("Ministry", "800", quote: "about 800")).Replace(',', ';');

        var (status, body, _) = await Post(csv);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal(new Dictionary<string, long> { ["Ministry"] = 800 }, await BySource());
    }

    [Fact]
    public async Task a_row_may_quote_an_archived_article_and_its_quote_is_checked_against_the_text()
    {
        var text = $"The {_party} ministry said 2,500 soldiers had been killed.";
        var id = (await app.Host.Archive(new System.Text.Json.Nodes.JsonObject
        {
            ["text"] = text,
            ["source"] = new System.Text.Json.Nodes.JsonObject { ["title"] = "Wire", ["publishedOn"] = "2025-06-02" },
        })).Id;
        var header = Header.TrimEnd('\n') + ",article.id,article.start,article.end\n";
        var start = text.IndexOf("2,500", StringComparison.Ordinal);
        string Quoting(string quote, int end) => Row("Ministry", "2500", quote: $"\"{quote}\"").TrimEnd('\n') + $",{id},{start},{end}\n";

        var (wrong, refused, _) = await Post(header + Quoting("2,500 soldiers", start + 5));
        Assert.Equal(HttpStatusCode.BadRequest, wrong);
        refused.NamesField("rows[2].quote");

        var (status, body, _) = await Post(header + Quoting("2,500 soldiers", start + "2,500 soldiers".Length));
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var statement = await app.Host.Statement(body.As<Wire.Batch>().Items[0].Id);
        Assert.Equal(id, statement.Article!.Id);
        Assert.Equal("Wire", statement.Source.Title);
    }

    [Fact]
    public async Task a_row_that_breaks_the_csv_is_named_and_nothing_is_recorded()
    {
        var (status, body, _) = await Post(Header + Row("Ministry", "900") + "figure,2025-06-01,Agency\n");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        body.NamesField("rows[3]");
        Assert.Empty(await BySource());
    }

    [Fact]
    public async Task a_column_named_twice_is_refused_by_name()
    {
        var (status, body, _) = await Post(Header.Replace("figure.low", "figure.value") + Row("Ministry", "900"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'figure.value' is named twice", body.As<Wire.Problem>().Errors!["columns"][0]);
        Assert.Empty(await BySource());
    }

    [Fact]
    public async Task a_json_array_sent_as_csv_is_refused_naming_the_body()
    {
        // Its "header row" repeats a cell ('"statedOn":"2025-06-01"'): this answered 500 when the CSV reader threw on it.
        var figure = Api.Figure("Ministry", party: _party).ToJsonString();
        var (status, body, response) = await Post($"[{figure},{figure}]");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is JSON, not CSV", body.As<Wire.Problem>().Errors!["body"][0]);
        Assert.Empty(await BySource());
    }
}
