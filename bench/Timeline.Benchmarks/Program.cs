// Timeline's benchmarks: each scenario measured through the service and against the raw
// PostgreSQL way of doing the same work, side by side in one run, alternating rounds and
// reporting medians, so the ratio means something on a shared 2-core machine.
//   dotnet run -c Release --project bench/Timeline.Benchmarks -- [--quick] [--statements N] [--out DIR]
using Timeline.Benchmarks;

var options = BenchOptions.Parse(args);
var results = new List<Result>();
var root = Path.Combine(Path.GetTempPath(), $"timeline-bench-{Guid.NewGuid():N}");
Console.WriteLine($"Timeline benchmarks ({(options.Quick ? "quick" : "full")}): {options.Statements:N0} statements, {options.Clients} SSE clients; data in {root}");

Cleanup.OnInterrupt();
// In process, before anything is started: the extractor needs no database.
if (options.Runs("extraction")) results.AddRange(Scenarios.Extraction(options));
try
{
    var cluster = await EmbeddedPostgres.StartAsync(Path.Combine(root, "cluster"), NullLogger.Instance);
    // The cluster is stopped before its folder is deleted: the other way round leaves a server running.
    Cleanup.Register(async () =>
    {
        await cluster.StopAsync();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    });
    var serviceDb = await cluster.EnsureDatabaseAsync("bench_service");
    var baselineDb = await cluster.EnsureDatabaseAsync("bench_baseline");
    await using var baseline = NpgsqlDataSource.Create(baselineDb);
    await Baseline.CreateTableAsync(baseline);

    var statements = Generator.Statements(options.Statements, seed: 42);
    var serviceEnvironment = options.ServiceGcEnvironment();
    serviceEnvironment["ConnectionStrings__Timeline"] = serviceDb;
    await using (var service = await Service.StartAsync(serviceEnvironment))
    {
        if (options.Runs("ingest")) results.AddRange(await Scenarios.IngestAsync(service, baseline, statements, options));
        if (options.Runs("single")) results.AddRange(await Scenarios.SingleStatementsAsync(service, baseline, options));
        if (options.Runs("queries")) results.AddRange(await Scenarios.QueriesAsync(service, serviceDb, baseline, options));
        if (options.Runs("readscale")) results.AddRange(await Scenarios.ReadScalingAsync(service, baseline, root, options));
        if (options.Runs("notifications")) results.AddRange(await Scenarios.NotificationsAsync(service, options));
        if (options.Runs("subscribers")) results.AddRange(await Scenarios.ManySubscribersAsync(service, options));
        if (options.Runs("rebuild")) results.AddRange(await Scenarios.RebuildAsync(service, serviceDb, baseline, options));
        if (options.Runs("bounded")) results.AddRange(await Scenarios.BoundedReadsAsync(service, options));
        if (options.Runs("review")) results.AddRange(await Scenarios.ReviewAsync(service, options));
        if (options.Runs("readbudget")) results.AddRange(await Scenarios.ReadBudgetAsync(service, options));
    }
    // Through Pushpin: a service of its own with the publisher on, the one above stopped.
    if (options.Runs("engine")) results.AddRange(await Scenarios.EngineSubscribersAsync(serviceDb, root, options));
    if (options.Runs("startup")) results.AddRange(await Scenarios.StartupAsync(Path.Combine(root, "service-data"), options));
}
catch (Exception) when (Cleanup.Interrupted is { } code)
{
    // Stopping the service under a running scenario fails it: that is the interruption, not an error
    // (the finally below waits for the cleanup before this returns).
    return code;
}
finally
{
    await Cleanup.RunAsync();
}

Report.Print(results, options);
if (options.Out is { } outDir) Report.Write(results, options, outDir);
return Cleanup.Interrupted ?? (results.Any(r => r.Failed) ? 1 : 0);
