package dev.eventstream.examples.spring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the starter brings and what it must not: Guice is an integration beside the adapters, not under them. */
class ClassPathTest {

    @Test
    void guiceIsNotOnTheClassPathOfASpringApplication() {
        assertThatThrownBy(() -> Class.forName("com.google.inject.Injector"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void neitherAreTheHttpClientsTheAdaptersDoNotUse() {
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.http.apache.ApacheHttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
