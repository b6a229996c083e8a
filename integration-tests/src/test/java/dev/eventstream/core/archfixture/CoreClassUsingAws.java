package dev.eventstream.core.archfixture;

import software.amazon.awssdk.core.SdkBytes;

/** Breaks a rule on purpose: a core class that touches an AWS type. Only the rule test imports it. */
public class CoreClassUsingAws {
    public SdkBytes leak() {
        return SdkBytes.fromUtf8String("the core must not know this type");
    }
}
