package dev.eventstream.aws.testing.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IamPolicyTest {
    private static final IamPolicy POLICY = IamPolicy.parse("test.json", """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Sid": "Table",
                  "Effect": "Allow",
                  "Action": ["dynamodb:PutItem", "dynamodb:Query"],
                  "Resource": "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}"
                },
                {
                  "Effect": "Allow",
                  "Action": "dynamodb:Query",
                  "Resource": ["arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}\
            /index/listing"]
                },
                {
                  "Effect": "Allow",
                  "Action": "sqs:*",
                  "Resource": "arn:aws:sqs:*:*:eventstream-*"
                }
              ]
            }
            """);
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/events";

    @Test
    void aPlaceholderStandsForOneSegmentValue() {
        assertThat(POLICY.allows(new Permission("dynamodb:PutItem", TABLE))).isTrue();
        assertThat(POLICY.allows(new Permission("dynamodb:PutItem", TABLE + "/index/listing"))).isFalse();
        assertThat(POLICY.allowing(new Permission("dynamodb:Query", TABLE + "/index/listing")))
                .hasValue("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}"
                        + "/index/listing");
        assertThat(POLICY.allows(new Permission("dynamodb:Query", TABLE + "/index/pending"))).isFalse();
    }

    @Test
    void actionsCompareIgnoringCaseAndWithWildcards() {
        assertThat(POLICY.allows(new Permission("DynamoDB:putitem", TABLE))).isTrue();
        assertThat(POLICY.allows(new Permission("sqs:DeleteQueue", "arn:aws:sqs:us-east-1:1:eventstream-q"))).isTrue();
        assertThat(POLICY.allows(new Permission("sqs:DeleteQueue", "arn:aws:sqs:us-east-1:1:other-q"))).isFalse();
        assertThat(POLICY.allows(new Permission("dynamodb:DeleteItem", TABLE))).isFalse();
    }

    @Test
    void aPermissionWithoutResourceNeedsOnlyTheAction() {
        assertThat(POLICY.allows(new Permission("dynamodb:Query", null))).isTrue();
        assertThat(POLICY.allows(new Permission("dynamodb:Scan", null))).isFalse();
    }

    @Test
    void theActionsAreListedInTheOrderWritten() {
        assertThat(POLICY.actions()).containsExactly("dynamodb:PutItem", "dynamodb:Query", "sqs:*");
    }

    @Test
    void elementsTheCheckDoesNotEvaluateAreRefused() {
        assertThatThrownBy(() -> IamPolicy.parse("p.json", """
                {"Version": "2012-10-17", "Statement": [{"Sid": "S", "Effect": "Allow", "Action": "sns:Publish",
                  "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p.json statement S has Condition, which the check does not evaluate");
        assertThatThrownBy(() -> IamPolicy.parse("p.json", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sns:Publish", "Resource": "*"}]}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p.json statement #1 must have \"Effect\": \"Allow\"");
        assertThatThrownBy(() -> IamPolicy.parse("p.json", "{\"Statement\": []}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Version\": \"2012-10-17\"");
    }
}
