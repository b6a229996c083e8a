package dev.eventstream.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A paired measurement: each benchmark call runs one operation of the library and one of the raw SDK, alternating
 * which goes first, and times each, in elapsed time and in the CPU time of the calling thread (the client's own
 * work; the rest of an operation is spent waiting for the server). Both sides thus meet the same machine at the same
 * moment, which a shared 2-core machine (and a dynalite process competing for it) does not hold still between two
 * separate runs; their ratio is taken per iteration.
 *
 * <p>JMH reports the fields as secondary results, summed over the iteration and its threads: operations, time spent
 * in them and DynamoDB requests sent, per side. They include the calls JMH makes while it starts and stops the
 * threads of an iteration, which its primary score leaves out; every figure derived here divides one of these
 * counters by another, so that does not matter.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class Paired {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long libraryOperations;
    public long libraryNanos;
    public long libraryCpuNanos;
    public long libraryRequests;
    public long rawOperations;
    public long rawNanos;
    public long rawCpuNanos;
    public long rawRequests;
    private boolean libraryFirst;

    @Setup(Level.Iteration)
    public void reset() {
        libraryOperations = 0;
        libraryNanos = 0;
        libraryCpuNanos = 0;
        libraryRequests = 0;
        rawOperations = 0;
        rawNanos = 0;
        rawCpuNanos = 0;
        rawRequests = 0;
        RequestCounter.takeOfThread();
    }

    /** Runs both operations once, timed, handing their results to {@code blackhole}. */
    void run(Blackhole blackhole, Supplier<?> library, Supplier<?> raw) {
        libraryFirst = !libraryFirst;
        if (libraryFirst) {
            runLibrary(blackhole, library);
            runRaw(blackhole, raw);
        } else {
            runRaw(blackhole, raw);
            runLibrary(blackhole, library);
        }
    }

    private void runLibrary(Blackhole blackhole, Supplier<?> operation) {
        long[] spent = timed(blackhole, operation);
        libraryOperations++;
        libraryNanos += spent[0];
        libraryCpuNanos += spent[1];
        libraryRequests += spent[2];
    }

    private void runRaw(Blackhole blackhole, Supplier<?> operation) {
        long[] spent = timed(blackhole, operation);
        rawOperations++;
        rawNanos += spent[0];
        rawCpuNanos += spent[1];
        rawRequests += spent[2];
    }

    /** @return the nanoseconds the operation took, the CPU nanoseconds of this thread in it, the requests it sent */
    private static long[] timed(Blackhole blackhole, Supplier<?> operation) {
        RequestCounter.takeOfThread();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        blackhole.consume(operation.get());
        long nanos = System.nanoTime() - start;
        long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return new long[] {nanos, cpuNanos, RequestCounter.takeOfThread()};
    }
}
