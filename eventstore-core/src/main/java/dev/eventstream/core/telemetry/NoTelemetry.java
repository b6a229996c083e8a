package dev.eventstream.core.telemetry;

import java.util.function.DoubleSupplier;

/** {@link StoreTelemetry#none()}. */
final class NoTelemetry implements StoreTelemetry {
    static final NoTelemetry INSTANCE = new NoTelemetry();

    private NoTelemetry() {}

    @Override
    public Operation start(OperationStart start) {
        return Operation.NONE;
    }

    @Override
    public void count(Meter meter, double amount, String... tagValues) {}

    @Override
    public Registration gauge(Meter meter, DoubleSupplier value, String... tagValues) {
        return Registration.NONE;
    }

    @Override
    public void awsRequest(AwsRequest request) {}

    @Override
    public String toString() {
        return "StoreTelemetry.none()";
    }
}
