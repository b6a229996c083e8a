/**
 * Holds the AWS adapters to their documented IAM policies ({@code docs/iam-policies.md}) while tests run:
 * {@link dev.eventstream.aws.testing.iam.IamPolicyCheck} is an SDK execution interceptor that a test JVM loads for
 * every client through the classpath resource {@code software/amazon/awssdk/global/handlers/execution.interceptors}.
 * It rejects any request an adapter sends that the adapter's policy files under {@code docs/iam} do not allow, and
 * writes what it saw to {@code target/iam-check/}. Clients a test uses for its own setup and checks are marked with
 * {@link dev.eventstream.aws.testing.iam.TestOnlyClients}.
 */
@NullMarked
package dev.eventstream.aws.testing.iam;

import org.jspecify.annotations.NullMarked;
