/**
 * What the AWS adapters share: the settings of their SDK clients ({@link dev.eventstream.aws.AwsClientSettings},
 * read through every adapter config as {@link dev.eventstream.aws.AwsClientConfig}), building a client from them
 * ({@link dev.eventstream.aws.AwsClients}), reporting each client's requests to the store's telemetry
 * ({@link dev.eventstream.aws.TelemetryInterceptor}) and turning SDK failures into the store's exceptions
 * ({@link dev.eventstream.aws.AwsFailures}). Not an adapter: it implements no port, and adapters may depend on it.
 */
@NullMarked
package dev.eventstream.aws;

import org.jspecify.annotations.NullMarked;
