package dev.eventstream.aws.testing.iam;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The IAM permissions an SDK request needs, after AWS's Service Authorization Reference: mostly the action named
 * like the operation on the resource the request names, with the exceptions AWS makes. A transaction needs the
 * item actions of its parts ({@code TransactWriteItems} has no action of its own), SNS {@code PublishBatch} needs
 * {@code sns:Publish}, and the SQS batch operations need the action of one message. Operations not known here get
 * the action named after them, so a new operation is held to the policy like any other.
 *
 * <p>Requests do not carry the account of a DynamoDB table or of a queue addressed by name; such ARNs show
 * {@value #UNKNOWN_ACCOUNT}, which the policies' {@code ${AWS::AccountId}} placeholder matches like any account.
 */
public final class Permissions {
    static final String UNKNOWN_ACCOUNT = "000000000000";

    private static final Map<String, String> TRANSACT_WRITE_ACTIONS = Map.of(
            "Put", "PutItem",
            "Update", "UpdateItem",
            "Delete", "DeleteItem",
            "ConditionCheck", "ConditionCheckItem");
    private static final Map<String, String> SQS_BATCH_ACTIONS = Map.of(
            "SendMessageBatch", "SendMessage",
            "DeleteMessageBatch", "DeleteMessage",
            "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");

    private Permissions() {}

    /**
     * What {@code request} needs.
     *
     * @param service the SDK's service name, such as {@code DynamoDb}, {@code Sns}, {@code Sqs}
     * @param operation the SDK's operation name, such as {@code PutItem}
     * @param region the client's region, such as {@code us-east-1}
     * @return at least one permission
     */
    public static List<Permission> of(String service, String operation, SdkRequest request, String region) {
        return switch (service) {
            case "DynamoDb" -> dynamoDb(operation, request, region);
            case "DynamoDbStreams" -> List.of(new Permission("dynamodb:" + operation, text(request, "StreamArn")));
            case "Sns" -> List.of(sns(operation, request));
            case "Sqs" -> List.of(sqs(operation, request, region));
            default -> List.of(new Permission(service.toLowerCase(Locale.ROOT) + ":" + operation, null));
        };
    }

    private static List<Permission> dynamoDb(String operation, SdkRequest request, String region) {
        List<Permission> needed = new ArrayList<>();
        switch (operation) {
            case "TransactWriteItems", "TransactGetItems" -> {
                for (Object item : list(request, "TransactItems")) {
                    if (!(item instanceof SdkPojo pojo)) {
                        continue;
                    }
                    Map<String, String> actions = operation.equals("TransactGetItems")
                            ? Map.of("Get", "GetItem") : TRANSACT_WRITE_ACTIONS;
                    actions.forEach((member, action) -> {
                        if (value(pojo, member) instanceof SdkPojo part) {
                            needed.add(new Permission("dynamodb:" + action, table(text(part, "TableName"), region)));
                        }
                    });
                }
            }
            case "BatchGetItem", "BatchWriteItem" -> {
                if (value(request, "RequestItems") instanceof Map<?, ?> tables) {
                    tables.keySet().forEach(table ->
                            needed.add(new Permission("dynamodb:" + operation, table(table.toString(), region))));
                }
            }
            default -> {
                String table = table(text(request, "TableName"), region);
                String index = text(request, "IndexName");
                needed.add(new Permission("dynamodb:" + operation,
                        table != null && index != null ? table + "/index/" + index : table));
            }
        }
        return needed.isEmpty() ? List.of(new Permission("dynamodb:" + operation, null)) : needed;
    }

    private static @Nullable String table(@Nullable String name, String region) {
        if (name == null || name.startsWith("arn:")) {
            return name;
        }
        return "arn:" + partition(region) + ":dynamodb:" + region + ":" + UNKNOWN_ACCOUNT + ":table/" + name;
    }

    private static Permission sns(String operation, SdkRequest request) {
        String action = "sns:" + (operation.equals("PublishBatch") ? "Publish" : operation);
        String topic = text(request, "TopicArn");
        if (topic == null && operation.equals("Publish")) {
            topic = text(request, "TargetArn");
        }
        // Unsubscribe and the subscription attributes name a subscription, which IAM authorizes against "*".
        return new Permission(action, topic != null ? topic : text(request, "SubscriptionArn"));
    }

    private static Permission sqs(String operation, SdkRequest request, String region) {
        String action = "sqs:" + SQS_BATCH_ACTIONS.getOrDefault(operation, operation);
        String url = text(request, "QueueUrl");
        if (url != null) {
            // https://sqs.us-east-1.amazonaws.com/123456789012/name, and moto's http://host:port/123456789012/name
            String[] path = URI.create(url).getPath().split("/");
            if (path.length >= 3) {
                return new Permission(action, queue(region, path[path.length - 2], path[path.length - 1]));
            }
        }
        String name = text(request, "QueueName");
        if (name == null) {
            return new Permission(action, null);
        }
        String owner = text(request, "QueueOwnerAWSAccountId");
        return new Permission(action, queue(region, owner != null ? owner : UNKNOWN_ACCOUNT, name));
    }

    private static String queue(String region, String account, String name) {
        return "arn:" + partition(region) + ":sqs:" + region + ":" + account + ":" + name;
    }

    private static String partition(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    private static @Nullable String text(SdkPojo pojo, String member) {
        return value(pojo, member) instanceof String text ? text : null;
    }

    private static List<?> list(SdkPojo pojo, String member) {
        return value(pojo, member) instanceof List<?> list ? list : List.of();
    }

    /** A member of a request or of a part of it, by the name AWS's API reference gives it. */
    private static @Nullable Object value(SdkPojo pojo, String member) {
        for (SdkField<?> field : pojo.sdkFields()) {
            if (field.memberName().equals(member)) {
                return field.getValueOrDefault(pojo);
            }
        }
        return null;
    }
}
