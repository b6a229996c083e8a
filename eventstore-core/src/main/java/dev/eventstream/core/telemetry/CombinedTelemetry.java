package dev.eventstream.core.telemetry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/** {@link StoreTelemetry#of}: every call goes to each part, in order; operations end in the reverse order. */
final class CombinedTelemetry implements StoreTelemetry {
    private final List<StoreTelemetry> parts;

    CombinedTelemetry(List<StoreTelemetry> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public Operation start(OperationStart start) {
        Operation[] started = new Operation[parts.size()];
        for (int i = 0; i < started.length; i++) {
            started[i] = parts.get(i).start(start);
        }
        return new Combined(started);
    }

    @Override
    public void count(Meter meter, double amount, String... tagValues) {
        for (StoreTelemetry part : parts) {
            part.count(meter, amount, tagValues);
        }
    }

    @Override
    public Registration gauge(Meter meter, DoubleSupplier value, String... tagValues) {
        List<Registration> registrations = parts.stream().map(p -> p.gauge(meter, value, tagValues)).toList();
        return () -> registrations.forEach(Registration::close);
    }

    @Override
    public void awsRequest(AwsRequest request) {
        for (StoreTelemetry part : parts) {
            part.awsRequest(request);
        }
    }

    @Override
    public String toString() {
        return "StoreTelemetry.of" + parts;
    }

    private record Combined(Operation[] started) implements Operation {
        @Override
        public void events(int count) {
            for (Operation operation : started) {
                operation.events(count);
            }
        }

        @Override
        public void version(long version) {
            for (Operation operation : started) {
                operation.version(version);
            }
        }

        @Override
        public Map<String, String> context() {
            Map<String, String> context = new HashMap<>();
            for (Operation operation : started) {
                operation.context().forEach(context::putIfAbsent);
            }
            return context;
        }

        @Override
        public void end(Outcome outcome, @Nullable Throwable failure) {
            for (int i = started.length - 1; i >= 0; i--) {
                started[i].end(outcome, failure);
            }
        }
    }
}
