package dev.newsroom.article.article;

import dev.newsroom.article.ArticleServiceProperties;
import dev.newsroom.article.messaging.ArticleViews;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArticleServiceProperties.class)
class ArticleConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MarkdownRenderer markdownRenderer() {
        return new MarkdownRenderer();
    }

    /**
     * Views go to Kafka through their own producer: acknowledged by the leader only, batched, and
     * never waiting long for a broker, because a read must not wait for its view.
     */
    @Bean
    ArticleViews articleViews(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            ArticleServiceProperties properties,
            JsonMapper json,
            Clock clock) {
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
        return new ArticleViews(producer, properties.viewQueueCapacity(), properties.viewKeySalt(), json, clock);
    }

    /** Indexes for every list query and the unique slug, in place before the first request. */
    @Bean
    SmartInitializingSingleton articleIndexes(ReactiveMongoTemplate mongo) {
        var articles = mongo.indexOps(Article.class);
        return () -> Flux.concat(
                        articles.createIndex(
                                new Index("slug", Sort.Direction.ASC).unique().named("slug")),
                        articles.createIndex(new Index()
                                .on("deleted", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)
                                .named("latest")),
                        articles.createIndex(new Index()
                                .on("tagList", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)
                                .named("byTag")),
                        articles.createIndex(new Index()
                                .on("authorId", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)
                                .named("byAuthor")),
                        mongo.indexOps(Favorite.class)
                                .createIndex(new Index("userId", Sort.Direction.ASC).named("byUser")),
                        mongo.indexOps(Favorite.class)
                                .createIndex(new Index("articleId", Sort.Direction.ASC).named("byArticle")))
                .blockLast();
    }
}
