using System.Net;
using System.Text.Json.Nodes;
using Timeline.Seed;
using Timeline.Statements;
using Timeline.Tests.Support;

namespace Timeline.Tests;

public sealed class SeedData(SharedApp app)
{
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public void every_seed_quote_occurs_verbatim_in_the_article()
    {
        var article = File.ReadAllText(SeedLoader.ArticleFile);
        var statements = SeedLoader.Read(Today);

        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Contains(s.Quote, article, StringComparison.Ordinal));
    }

    [Fact]
    public void no_seed_statement_is_there_twice()
    {
        var statements = SeedLoader.Read(Today);
        Assert.Equal(statements.Count, statements.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void the_seed_holds_figures_a_negotiation_day_and_positions_from_the_article_of_23_february_2026()
    {
        var statements = SeedLoader.Read(Today);

        Assert.Contains(statements, s => s.Kind == StatementKind.Figure && s.Figure!.Value == 55000 && s.Figure.Party == "ukraine");
        Assert.Contains(statements, s => s.Kind == StatementKind.Figure && s.Figure!.Value == 1_100_000 && s.Figure.Qualifier == Qualifier.AtLeast);
        Assert.Contains(statements, s => s.Kind == StatementKind.Figure && s.Figure!.Value == 420_000 && s.Figure.Period.To == new DateOnly(2025, 12, 31));
        Assert.Contains(statements, s => s.Kind == StatementKind.Figure && s.Figure!.Value is null && s.Figure.Qualitative is not null);
        Assert.Contains(statements, s => s.Kind == StatementKind.NegotiationDay && s.Negotiation!.Venue == "Abu Dhabi");
        Assert.Contains(statements, s => s.Kind == StatementKind.Position && s.StatedBy == "Dmitry Peskov");
        Assert.All(statements, s => Assert.Equal(new DateOnly(2026, 2, 23), s.Source.PublishedOn));
    }

    [Fact]
    public async Task the_service_starts_with_every_seed_statement_recorded()
    {
        foreach (var s in SeedLoader.Read(Today))
            Assert.Equal(HttpStatusCode.OK, (await app.Host.GetAsync($"/api/statements/{s.Id}")).Status);
    }

    [Fact]
    public async Task the_seed_article_is_archived_and_every_seed_statement_stands_at_its_quote_in_it()
    {
        var text = SeedLoader.ArticleText();
        var articleId = Articles.Article.IdFor(Articles.Article.Hash(text));

        var article = await app.Host.Article(articleId);

        Assert.Equal(text, article.Text);
        foreach (var s in SeedLoader.Read(Today))
        {
            var quoted = (await app.Host.Statement(s.Id)).Article!;
            Assert.Equal(articleId, quoted.Id);
            Assert.Equal(s.Quote, text[quoted.Start..quoted.End]);
        }
        // The extractor finds each seed figure as it was accepted: those candidates show as recorded.
        var figures = SeedLoader.Read(Today).Where(s => s.Kind == StatementKind.Figure).Select(s => s.Id).ToHashSet();
        // Every candidate of the seed article is one of them: each names the statement it was recorded as.
        var recordedAs = article.Candidates.Select(c => c.RecordedAs ?? throw new Xunit.Sdk.XunitException($"candidate {c.Index} was not recorded")).ToHashSet();
        Assert.Superset(figures, recordedAs);
    }

    [Fact]
    public async Task importing_the_seed_again_records_nothing_new()
    {
        var seed = JsonNode.Parse(File.ReadAllText(SeedLoader.StatementsFile))!;

        var (status, body, _) = await app.Host.PostAsync("/api/statements/batch", seed);

        Assert.Equal(HttpStatusCode.OK, status);
        var answer = body.As<Wire.Batch>();
        Assert.Equal(0, answer.Recorded);
        Assert.All(answer.Items, i => Assert.True(i.Duplicate));
    }
}
