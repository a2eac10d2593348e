// Marten's default logger writes every failed command at Error level with its parameter values —
// whole event bodies. Here a lost race (a unique violation: the statement, version or
// idempotency record is already there) is routine deduplication and logged at Debug, and any
// other failure is logged with its SQL but without the values.
using Marten;
using Marten.Services;
using Npgsql;

namespace Timeline.Hosting;

public sealed class DiscreetMartenLogger(ILogger<IDocumentStore> logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => logger.LogDebug("Applied a database schema change: {Sql}", sql);

    public void LogSuccess(NpgsqlCommand command) { }

    public void LogSuccess(NpgsqlBatch batch) { }

    public void LogFailure(NpgsqlCommand command, Exception ex) => Failure(ex, command.CommandText);

    public void LogFailure(NpgsqlBatch batch, Exception ex) =>
        Failure(ex, string.Join("; ", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));

    public void LogFailure(Exception ex, string message) => Failure(ex, message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }

    public void OnBeforeExecute(NpgsqlCommand command) { }

    public void OnBeforeExecute(NpgsqlBatch batch) { }

    void Failure(Exception ex, string what)
    {
        if (IsLostRace(ex)) logger.LogDebug("Lost a race to another writer ({Constraint})", (Unwrap(ex) as PostgresException)?.ConstraintName);
        else logger.LogError("A database command failed ({Error}): {Sql}", Unwrap(ex).Message, what);
    }

    static bool IsLostRace(Exception ex) => Unwrap(ex) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    static Exception Unwrap(Exception ex) => ex is PostgresException || ex.InnerException is null ? ex : Unwrap(ex.InnerException);
}
