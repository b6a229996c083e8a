package dev.eventstream.examples.lambda;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.eventstream.lambda.FeedIndexerHandler;
import dev.eventstream.lambda.FunctionEnvironment;
import dev.eventstream.lambda.LambdaDelivery;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What Lambda's event source mapping does for the indexer function, run inside the deployment jar's class loader
 * ({@link FunctionJarIT}): builds the jar's {@code FeedIndexerHandler} from the function's environment and hands it
 * the records of the table's stream. Only JDK types cross between the loaders: the environment and the stream's ARN
 * in, the number of records indexed out.
 */
public final class IndexTheStream implements BiFunction<Map<String, String>, String, Integer> {

    @Override
    public Integer apply(Map<String, String> environment, String streamArn) {
        URI endpoint = URI.create(environment.get(FunctionEnvironment.ENDPOINT_URL));
        try (FeedIndexerHandler indexer = new FeedIndexerHandler(environment);
                LambdaDelivery lambda = new LambdaDelivery(endpoint, streamArn)) {
            List<Record> records = lambda.newRecords();
            StreamsEventResponse response = indexer.handleRequest(lambda.event(records), null);
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new AssertionError("the indexer did not index the batch to its end: "
                        + response.getBatchItemFailures());
            }
            return records.size();
        }
    }
}
