package dev.eventstream.adapter.archfixturec;

import dev.eventstream.lambda.archfixture.LambdaUsingAnotherAdapter;

/** Breaks a rule on purpose: an adapter using the Lambda integration above it. Only the rule test imports it. */
public class AdapterUsingLambda {
    public LambdaUsingAnotherAdapter lambda = new LambdaUsingAnotherAdapter();
}
