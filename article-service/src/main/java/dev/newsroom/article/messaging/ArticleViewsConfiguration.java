package dev.newsroom.article.messaging;

import dev.newsroom.article.ArticleServiceProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ArticleViewsConfiguration {

    /**
     * Views go to Kafka through their own producer: acknowledged by the leader only, batched, and
     * never waiting long for a broker, because a read must not wait for its view.
     */
    @Bean
    ArticleViews articleViews(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            ArticleServiceProperties properties,
            JsonMapper json,
            Clock clock,
            MeterRegistry registry) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                        ProducerConfig.ACKS_CONFIG, "1",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                        ProducerConfig.LINGER_MS_CONFIG, 50,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000),
                new StringSerializer(),
                new ByteArraySerializer());
        ArticleViews views =
                new ArticleViews(producer, properties.viewQueueCapacity(), properties.viewKeySalt(), json, clock);
        FunctionCounter.builder("newsroom.article.views.dropped", views, ArticleViews::dropped)
                .description("Views not published because the queue to Kafka was full (a slow or absent broker)")
                .register(registry);
        return views;
    }
}
