// A private PostgreSQL cluster run from the machine's own server binaries, so that the service
// (and its test suite) needs nothing set up beforehand. The cluster lives in a folder we own,
// listens on 127.0.0.1 only (no Unix socket), requires a password that only we know, and is
// stopped when the host shuts down. As root, the server runs as the unprivileged `postgres`
// user, because initdb refuses to run as root.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Timeline.Hosting;

public sealed class EmbeddedPostgresException(string message) : Exception(message);

public sealed class EmbeddedPostgres : IAsyncDisposable
{
    const string ServerUser = "postgres";

    readonly string _bin;
    readonly string _home;       // owned by the server's user: holds data/ and server.log
    readonly string _passwordFile;
    readonly bool _throwaway;
    readonly ILogger _logger;
    readonly Lock _gate = new();
    Task? _stopping;

    public int Port { get; private set; }
    public string Password { get; }
    public string DataDirectory => Path.Combine(_home, "data");
    public string LogFile => Path.Combine(_home, "server.log");

    EmbeddedPostgres(string bin, string root, bool throwaway, ILogger logger)
    {
        _bin = bin;
        _home = Path.Combine(root, "postgres");
        _passwordFile = Path.Combine(root, "postgres.password");
        _throwaway = throwaway;
        _logger = logger;
        Password = File.Exists(_passwordFile) ? File.ReadAllText(_passwordFile).Trim() : "";
        if (Password.Length == 0) Password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
    }

    // Starts (initialising on first use) the cluster kept under root. A throwaway cluster
    // trades durability for speed (tests): no fsync, no full-page writes.
    public static Task<EmbeddedPostgres> StartAsync(string root, ILogger logger, bool throwaway = false, CancellationToken ct = default) =>
        StartAsync(root, logger, throwaway, FreeLoopbackPort, ct);

    // As above, with the ports to try chosen by ports (tests: a port taken before the server binds it).
    internal static async Task<EmbeddedPostgres> StartAsync(string root, ILogger logger, bool throwaway, Func<int> ports, CancellationToken ct)
    {
        var bin = FindServerBinaries() ?? throw new EmbeddedPostgresException(MissingBinaries);

        Directory.CreateDirectory(root);
        var pg = new EmbeddedPostgres(bin, root, throwaway, logger) { _ports = ports };
        await pg.StartAsync(ct);
        return pg;
    }

    Func<int> _ports = FreeLoopbackPort;

    // A streaming replica of this server under root (pg_basebackup, standby mode), started on a port
    // of its own: read-only, replaying the primary's log as it arrives. For the one-box topology and
    // its tests; a real deployment runs its replicas as it likes.
    public async Task<EmbeddedPostgres> StartReplicaAsync(string root, CancellationToken ct = default)
    {
        Directory.CreateDirectory(root);
        PrivateFile.Write(Path.Combine(root, "postgres.password"), Password);
        var replica = new EmbeddedPostgres(_bin, root, _throwaway, _logger);
        var runAs = IsRoot ? ServerUser : null;
        Directory.CreateDirectory(replica._home);
        if (runAs is not null && !OperatingSystem.IsWindows())
        {
            EnsureTraversable(replica._home);
            await RunAsync("chown", [$"{ServerUser}:{ServerUser}", replica._home], null, ct);
        }
        var source = $"host=127.0.0.1 port={Port} user={ServerUser} password={Password} dbname=postgres";
        await RunAsync(Tool("pg_basebackup"), ["-D", replica.DataDirectory, "-d", source, "-R", "-X", "stream", "-c", "fast"], runAs, ct);
        await replica.LaunchOnFreePortAsync(runAs, ct);
        _logger.LogInformation("Started a streaming replica on 127.0.0.1:{Port} from {DataDirectory}", replica.Port, replica.DataDirectory);
        return replica;
    }

    // A server tool beside pg_ctl: where it is found, or where pg_ctl really lives (it may be a link on PATH).
    string Tool(string name)
    {
        var here = Path.Combine(_bin, name);
        if (File.Exists(here)) return here;
        var real = new FileInfo(Path.Combine(_bin, "pg_ctl")).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return real is null ? here : Path.Combine(Path.GetDirectoryName(real)!, name);
    }

    public const string MissingBinaries =
        "Timeline needs PostgreSQL: no server binaries (initdb, pg_ctl) were found on PATH or under /usr/lib/postgresql/*/bin. " +
        "Install them (Debian/Ubuntu: `sudo apt-get install -y postgresql`), or point Timeline at a running server with " +
        "the connection string ConnectionStrings__Timeline=\"Host=...;Database=...;Username=...;Password=...\".";

    // The folder holding initdb and pg_ctl: first on PATH, else the newest Debian-style install.
    public static string? FindServerBinaries(string? path = null, string debian = "/usr/lib/postgresql")
    {
        static bool HasBoth(string dir) => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
        var onPath = (path ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasBoth);
        if (onPath is not null) return onPath;
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian)
            .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => HasBoth(x.dir))
            .OrderByDescending(x => x.version)
            .Select(x => x.dir)
            .FirstOrDefault();
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServerUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    // Creates database unless it exists; returns its connection string.
    public async Task<string> EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            // Identifiers cannot be parameters; quote it ourselves.
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"")}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        return ConnectionString(database);
    }

    async Task StartAsync(CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var runAs = IsRoot ? ServerUser : null;
        Directory.CreateDirectory(_home);
        if (runAs is not null && !OperatingSystem.IsWindows())
        {
            EnsureTraversable(_home);
            await RunAsync("chown", [$"{ServerUser}:{ServerUser}", _home], null, ct);
        }

        // A folder without PG_VERSION is what an interrupted initdb leaves: nothing in it was ever served.
        if (Directory.Exists(DataDirectory) && !File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            Directory.Delete(DataDirectory, recursive: true);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            // Ours first, whole and private: a kill during initdb must not leave a cluster whose password nobody knows.
            if (!File.Exists(_passwordFile)) PrivateFile.Write(_passwordFile, Password);
            // The password reaches initdb through a file the server's user can read, removed right after.
            var pwFile = Path.Combine(_home, "initdb.pw");
            File.Delete(pwFile);
            PrivateFile.Write(pwFile, Password);
            if (runAs is not null) await RunAsync("chown", [ServerUser, pwFile], null, ct);
            try
            {
                List<string> init = ["-D", DataDirectory, "-U", ServerUser, "--auth=scram-sha-256", $"--pwfile={pwFile}", "-E", "UTF8", "--locale=C.UTF-8"];
                if (_throwaway) init.Add("--no-sync");
                await RunAsync(Path.Combine(_bin, "initdb"), init, runAs, ct);
            }
            finally { File.Delete(pwFile); }
            _logger.LogInformation("Initialised a PostgreSQL cluster in {DataDirectory}", DataDirectory);
        }

        // A cluster left running by a process that died (kill -9) is reused rather than fought over,
        // once we have logged in to it. A postmaster.pid whose process is gone, or is not this
        // cluster's postgres (its PID reused by another program), is stale: removed, never signalled.
        if (ReadPostmasterPid() is { } pid)
        {
            if (IsOurPostmaster(pid.Pid) && await AnswersAsync(pid.Port, ct))
            {
                Port = pid.Port;
                _logger.LogInformation("Reusing the PostgreSQL server already running on 127.0.0.1:{Port}", Port);
                return;
            }
            if (!IsOurPostmaster(pid.Pid))
            {
                _logger.LogWarning("Removing a stale postmaster.pid (process {Pid} is not this cluster's server)", pid.Pid);
                File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
            }
        }

        await LaunchOnFreePortAsync(runAs, ct);
        _logger.LogInformation("Started PostgreSQL on 127.0.0.1:{Port} from {DataDirectory} in {Elapsed} ms",
            Port, DataDirectory, started.ElapsedMilliseconds);
    }

    // Starts the server on a loopback port free when probed. The server binds it a moment later, and
    // something may take it in between (another server starting, the local end of an outgoing
    // connection): a start that could not bind its port tries another.
    async Task LaunchOnFreePortAsync(string? runAs, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = _ports();
            var logged = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
            try
            {
                await LaunchAsync(runAs, ct);
                return;
            }
            catch (EmbeddedPostgresException) when (attempt < 3 && LoggedSince(logged).Contains("could not bind", StringComparison.Ordinal))
            {
                _logger.LogWarning("Port {Port} was taken before PostgreSQL could bind it; trying another", Port);
            }
        }
    }

    string LoggedSince(long offset)
    {
        try
        {
            using var log = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(Math.Min(offset, log.Length), SeekOrigin.Begin);
            return new StreamReader(log).ReadToEnd();
        }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    async Task LaunchAsync(string? runAs, CancellationToken ct)
    {
        // Marten, Wolverine's agents, the feed's LISTEN and the async daemon each hold connections;
        // a test run starts many services against one throwaway cluster.
        var settings = $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories='' -c max_connections={(_throwaway ? 600 : 200)}";
        if (_throwaway) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB";
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", settings, "start"], runAs, ct);
    }

    // If the server is gone (killed, crashed), starts it again on the same port, so every
    // connection string in use stays right; returns whether it had to.
    public async Task<bool> EnsureRunningAsync(CancellationToken ct)
    {
        lock (_gate) if (_stopping is not null) return false;
        if (ReadPostmasterPid() is { } pid && IsOurPostmaster(pid.Pid)) return false;
        if (ReadPostmasterPid() is not null) File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        await LaunchAsync(IsRoot ? ServerUser : null, ct);
        return true;
    }

    // postmaster.pid: its first line is the PID, its fourth the port.
    (int Pid, int Port)? ReadPostmasterPid()
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
            return lines.Length > 3 && int.TryParse(lines[0], out var pid) && int.TryParse(lines[3], out var port) ? (pid, port) : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException) { return null; }
    }

    // Whether that process is a postgres server of this data folder (its command line says so).
    bool IsOurPostmaster(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains("postgres", StringComparison.Ordinal) && cmdline.Contains(DataDirectory, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException) { return false; }
    }

    async Task<bool> AnswersAsync(int port, CancellationToken ct)
    {
        try
        {
            var csb = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = ServerUser, Password = Password, Database = "postgres", Timeout = 5, Pooling = false };
            await using var conn = new NpgsqlConnection(csb.ConnectionString);
            await conn.OpenAsync(ct);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException) { return false; }
    }

    // Stops the server; every caller (host shutdown, disposal, process exit) awaits the same stop.
    public Task StopAsync()
    {
        lock (_gate) return _stopping ??= StopOnceAsync();
    }

    async Task StopOnceAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], IsRoot ? ServerUser : null, CancellationToken.None);
            _logger.LogInformation("Stopped PostgreSQL ({DataDirectory})", DataDirectory);
        }
        catch (EmbeddedPostgresException e)
        {
            _logger.LogWarning("Could not stop PostgreSQL cleanly: {Reason}", e.Message);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static bool IsRoot => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    // The server's user must be able to reach its folder: every parent needs o+x.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    static void EnsureTraversable(string dir)
    {
        for (var d = Path.GetDirectoryName(Path.GetFullPath(dir)); !string.IsNullOrEmpty(d); d = Path.GetDirectoryName(d))
        {
            var mode = File.GetUnixFileMode(d);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
                throw new EmbeddedPostgresException(
                    $"The PostgreSQL server runs as the '{ServerUser}' user, who cannot enter {d}. " +
                    $"Choose a data folder outside it with TIMELINE_DATA_DIR (e.g. /var/lib/timeline), or allow it with `chmod o+x {d}`.");
        }
    }

    static async Task RunAsync(string file, IReadOnlyList<string> args, string? runAs, CancellationToken ct)
    {
        var (code, output) = await RunRawAsync(file, args, runAs, ct);
        if (code != 0)
            throw new EmbeddedPostgresException($"`{Path.GetFileName(file)} {string.Join(' ', args)}` failed (exit {code}): {output.Trim()}");
    }

    static async Task<(int Code, string Output)> RunRawAsync(string file, IReadOnlyList<string> args, string? runAs, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(runAs is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var a in new[] { "-u", runAs, "--", file }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        // The server inherits neither our locale quirks nor a working directory it may not enter.
        psi.WorkingDirectory = "/";
        using var process = Process.Start(psi) ?? throw new EmbeddedPostgresException($"could not start {file}");
        // pg_ctl start leaves the server holding inherited pipes: read only until pg_ctl itself exits.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(2000, ct));
        var output = stdout.IsCompletedSuccessfully && stderr.IsCompletedSuccessfully ? stdout.Result + stderr.Result : "";
        return (process.ExitCode, output);
    }
}
