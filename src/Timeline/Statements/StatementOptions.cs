// Request limits for recording statements (section "Timeline"), validated when the host starts.
using System.ComponentModel.DataAnnotations;

namespace Timeline.Statements;

public sealed class StatementOptions
{
    public const string Section = "Timeline";

    [Range(1024, 16 * 1024 * 1024)] public long MaxStatementBytes { get; set; } = 64 * 1024;
    [Range(1024, 1024L * 1024 * 1024)] public long MaxBatchBytes { get; set; } = 16 * 1024 * 1024;
    [Range(1, 1_000_000)] public int MaxBatchItems { get; set; } = 10_000;

    // A few new statements go straight to the tables in one round trip or two (DirectAppend) rather than through
    // Marten's session; off, they take the session's way (the equivalence test compares the two).
    public bool DirectAppend { get; set; } = true;
}
