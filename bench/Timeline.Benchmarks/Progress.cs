// A long phase says what it is doing, how far it has got and at what rate, every few seconds,
// so a full run (many minutes) is never silent.

namespace Timeline.Benchmarks;

public sealed class Progress : IDisposable
{
    static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    readonly string _what;
    readonly long _total;
    readonly string _unit;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    readonly Timer _timer;
    long _done;

    Progress(string what, long total, string unit)
    {
        _what = what;
        _total = total;
        _unit = unit;
        _timer = new Timer(_ => Print(), null, Every, Every);
    }

    /// <summary>Reports on <paramref name="what"/> every 10 s until disposed; <paramref name="total"/> 0 when unknown.</summary>
    public static Progress Start(string what, long total, string unit = "") => new(what, total, unit);

    public void Advance(long count = 1) => Interlocked.Add(ref _done, count);

    /// <summary>For phases whose progress is read from elsewhere (the service's rebuild status).</summary>
    public void Set(long done) => Interlocked.Exchange(ref _done, done);

    void Print()
    {
        var done = Interlocked.Read(ref _done);
        var seconds = _clock.Elapsed.TotalSeconds;
        var share = _total > 0 ? $"/{_total:N0} ({100.0 * done / _total:N0} %)" : "";
        Console.WriteLine($"  … {_what}: {done:N0}{share}{(_unit.Length > 0 ? " " + _unit : "")}, {done / seconds:N0}/s so far, {seconds:N0} s");
    }

    public void Dispose() => _timer.Dispose();
}
