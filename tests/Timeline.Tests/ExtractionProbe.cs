// TEMPORARY probe (not committed).
using Timeline.Articles.Extraction;
namespace Timeline.Tests;
public sealed class ExtractionProbe
{
    static void Out(string s) => File.AppendAllText("/tmp/probe.out", s + "\n");
    [Fact]
    public void probe()
    {
        if (!File.Exists("/tmp/probe.txt")) return;
        var text = File.ReadAllText("/tmp/probe.txt"); File.WriteAllText("/tmp/probe.out", "");
        var context = new Speakers.Context(text);
        foreach (var s in Text.Sentences(text))
        {
            var found = Speakers.In(text, s.Span, context).Select(context.Canonical).ToList();
            if (Speakers.OpenedBy(text, s.Span) is { } subject) { context.Saw(context.Canonical(subject)); Out("opened " + subject.Name); }
            foreach (var f in found) context.Saw(f);
            Out($"S{s.Index}: [{string.Join("; ", found.Select(x => x.Name + "@" + x.At.Start + (x.IsPerson ? "(p)" : "")))}] {s.Text(text)}");
        }
        foreach (var c in Extractor.Extract(text, new DateOnly(2025, 6, 1), "unattributed"))
        {
            var f = c.Figure;
            Out(f is null ? $"{c.Kind} {c.StatedBy}" : $"{c.StatedBy} | {f.Party} | {f.Group} | {f.Measure} | {f.Value}{f.Low}-{f.High}{f.Qualitative} | {f.Qualifier} | {f.Period.From}..{f.Period.To} | {f.Attribution} ({c.Confidence})");
        }
    }
}
