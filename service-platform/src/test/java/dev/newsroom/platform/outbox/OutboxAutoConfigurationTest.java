package dev.newsroom.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import dev.newsroom.infra.junit.SharedInfrastructure;
import dev.newsroom.infra.junit.SharedInfrastructureExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.mock.env.MockEnvironment;

@SharedInfrastructure
class OutboxAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OutboxAutoConfiguration.class))
            .withBean(MongoClient.class, () -> MongoClients.create(System.getProperty("spring.mongodb.uri")))
            .withUserConfiguration(TemplateConfiguration.class)
            .withPropertyValues("spring.application.name=articles", "newsroom.outbox.interval=1h");

    @Test
    void noRelayWithoutCollections() {
        runner.run(context -> assertThat(context).doesNotHaveBean(OutboxRelay.class));
    }

    @Test
    void noRelayWhenDisabled() {
        runner.withPropertyValues("newsroom.outbox.collections=articles", "newsroom.outbox.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OutboxRelay.class));
    }

    @Test
    void relayRunsForCommaSeparatedCollections() {
        runner.withPropertyValues("newsroom.outbox.collections=articles,favourites")
                .run(context -> {
                    assertThat(context).hasSingleBean(OutboxRelay.class);
                    assertThat(context.getBean(OutboxRelay.class).isRunning()).isTrue();
                });
    }

    @Test
    void sourceDefaultsToTheApplicationName() {
        OutboxProperties unnamed = new OutboxProperties(true, null, null, null, 1, null, null, null, null);

        assertThat(OutboxAutoConfiguration.source(
                        unnamed, new MockEnvironment().withProperty("spring.application.name", "article-service")))
                .isEqualTo("/newsroom/article-service");
        assertThatIllegalStateException()
                .isThrownBy(() -> OutboxAutoConfiguration.source(unnamed, new MockEnvironment()))
                .withMessageContaining("newsroom.outbox.source");
    }

    @Test
    void brokersAreTheBindersAndGetItsDefaultPort() {
        assertThat(brokers(Map.of(
                        "spring.cloud.stream.kafka.binder.brokers", "kafka-1,kafka-2:9093",
                        "spring.kafka.bootstrap-servers", "elsewhere:9092")))
                .isEqualTo("kafka-1:9092,kafka-2:9093");
        assertThat(brokers(Map.of("spring.kafka.bootstrap-servers", "boot:9094")))
                .isEqualTo("boot:9094");
        assertThat(brokers(Map.of())).isEqualTo("localhost:9092");
    }

    private static String brokers(Map<String, String> properties) {
        return OutboxAutoConfiguration.brokers(new Binder(new MapConfigurationPropertySource(properties)));
    }

    @Configuration(proxyBeanMethods = false)
    static class TemplateConfiguration {

        @Bean
        ReactiveMongoTemplate reactiveMongoTemplate(MongoClient client) {
            return new ReactiveMongoTemplate(client, SharedInfrastructureExtension.TEST_DATABASE);
        }
    }
}
