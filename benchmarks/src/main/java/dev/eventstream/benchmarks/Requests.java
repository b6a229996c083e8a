package dev.eventstream.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH's secondary results "requests" and "operations": the DynamoDB requests a benchmark thread sent and the
 * operations it completed during an iteration. Requests per operation is the one over the other; both also count the
 * operations JMH runs while it starts and stops the threads of a multi-threaded iteration, which the primary score
 * leaves out.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class Requests {
    public long requests;
    public long operations;

    @Setup(Level.Iteration)
    public void reset() {
        requests = 0;
        operations = 0;
        RequestCounter.takeOfThread();
    }

    /** Counts one operation and the requests this thread sent for it. */
    void count() {
        requests += RequestCounter.takeOfThread();
        operations++;
    }
}
