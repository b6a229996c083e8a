package dev.eventstream.adapter.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.eventstream.core.SubscriptionSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

class SqsSubscriptionModuleTest {

    @Test
    void bindsOneSqsSourceEvenWithoutAPersistenceInTheInjector() {
        // given
        SqsConfig config = SqsConfig.builder("arn:aws:sns:us-east-1:123456789012:orders")
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .endpointUrl("http://127.0.0.1:1")
                .build();
        Injector injector = Guice.createInjector(new SqsSubscriptionModule(config));

        // when
        SubscriptionSource source = injector.getInstance(SubscriptionSource.class);

        // then
        assertThat(source).isInstanceOf(SqsSubscriptionSource.class)
                .isSameAs(injector.getInstance(SubscriptionSource.class));
        source.close();
    }
}
