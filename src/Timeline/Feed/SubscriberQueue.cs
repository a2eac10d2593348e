// What one live stream has yet to write: frames shared with every other subscriber, queued by the
// fan-out and taken all at once by the stream's writer, which flushes them in one write. Bounded:
// a subscriber that falls this far behind is closed, not buffered for, and resumes by its last id.
using System.Threading.Tasks.Sources;

namespace Timeline.Feed;

// A frame to write and the sequence it carries (below 0 for a comment, written whatever was sent before).
public readonly record struct QueuedFrame(long Sequence, ReadOnlyMemory<byte> Frame)
{
    // Not a frame: the pump moved on without handing over what it passed, so read it as a new subscriber would.
    public static readonly QueuedFrame CatchUp = new(long.MinValue, default);

    public bool IsCatchUp => Sequence == long.MinValue;
}

public sealed class SubscriberQueue(int capacity) : IValueTaskSource<bool>
{
    readonly Lock _gate = new();
    // Two arrays swapped between the fan-out (filling one) and the writer (emptying the other): no copy, no allocation once grown.
    QueuedFrame[] _filling = new QueuedFrame[4];
    QueuedFrame[] _spare = new QueuedFrame[4];
    int _count;
    bool _waiting;
    bool _closed;
    ManualResetValueTaskSourceCore<bool> _signal = new() { RunContinuationsAsynchronously = true };

    // Queues a frame (a closed queue ignores it); false only for the frame that found it full, which closes it.
    public bool Offer(long sequence, ReadOnlyMemory<byte> frame)
    {
        lock (_gate)
        {
            if (_closed) return true;
            if (_count == _filling.Length)
            {
                if (_count >= capacity)
                {
                    CloseLocked();
                    return false;
                }
                Array.Resize(ref _filling, Math.Min(capacity, _filling.Length * 2));
            }
            _filling[_count++] = new QueuedFrame(sequence, frame);
            if (!_waiting) return true;
            _waiting = false;
        }
        _signal.SetResult(true);
        return true;
    }

    // Wakes the writer to find the queue closed.
    public void Close()
    {
        lock (_gate) CloseLocked();
    }

    void CloseLocked()
    {
        _closed = true;
        if (_waiting)
        {
            _waiting = false;
            _signal.SetResult(false);
        }
    }

    // Completes when something is queued (true) or the queue is closed (false). One waiter at a time.
    public ValueTask<bool> WaitAsync()
    {
        lock (_gate)
        {
            if (_closed) return new ValueTask<bool>(false);
            if (_count > 0) return new ValueTask<bool>(true);
            _signal.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _signal.Version);
        }
    }

    // Everything queued so far, oldest first; valid until the next call.
    public ArraySegment<QueuedFrame> TakeAll()
    {
        lock (_gate)
        {
            var taken = _filling;
            var count = _count;
            _filling = _spare.Length >= taken.Length ? _spare : new QueuedFrame[taken.Length];
            _spare = taken;
            _count = 0;
            // Let the frames go once written: the spare keeps only its slots.
            return new ArraySegment<QueuedFrame>(taken, 0, count);
        }
    }

    // Drops the references to frames already written, so a quiet stream holds no old event alive.
    public void Written(int count) => Array.Clear(_spare, 0, count);

    bool IValueTaskSource<bool>.GetResult(short token) => _signal.GetResult(token);
    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _signal.GetStatus(token);
    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _signal.OnCompleted(continuation, state, token, flags);
}
