package dev.eventstream.aws.testing.iam;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * An IAM action a request needs, on the resource it names.
 *
 * @param action such as {@code dynamodb:Query}
 * @param resource the ARN of the table, index, topic or queue, such as
 *     {@code arn:aws:dynamodb:us-east-1:000000000000:table/events/index/pending}; null when the request names none
 *     (a listing, or a shard iterator), so only the action can be checked
 */
public record Permission(String action, @Nullable String resource) {
    public Permission {
        requireNonNull(action, "action is null");
    }

    @Override
    public String toString() {
        return resource == null ? action : action + " on " + resource;
    }
}
