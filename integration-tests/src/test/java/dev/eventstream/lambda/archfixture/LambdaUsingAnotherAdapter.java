package dev.eventstream.lambda.archfixture;

import dev.eventstream.adapter.archfixtureb.AdapterB;

/**
 * Breaks a rule on purpose: the Lambda integration using an adapter other than DynamoDB. Only the rule test imports
 * it.
 */
public class LambdaUsingAnotherAdapter {
    public AdapterB other = new AdapterB();
}
