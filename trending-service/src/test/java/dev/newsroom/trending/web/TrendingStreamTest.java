package dev.newsroom.trending.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.contracts.EventContracts;
import dev.newsroom.platform.messaging.TopicReader;
import dev.newsroom.trending.InputTopics;
import dev.newsroom.trending.InputTopics.TestArticle;
import dev.newsroom.trending.TrendingServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Changes of a ranking's top go to newsroom.trending.v1 and out to the stream's subscribers. */
@TrendingServiceTest
class TrendingStreamTest {

    @Autowired
    WebTestClient web;

    InputTopics topics;
    TopicReader trending;

    @BeforeEach
    void setUp() {
        topics = new InputTopics();
        trending = new TopicReader("newsroom.trending.v1");
    }

    @AfterEach
    void tearDown() {
        topics.close();
        trending.close();
    }

    @Test
    void aNewTopPublishesAValidTrendingChangedKeyedByTheRankingName() {
        String tag = InputTopics.newTag();
        TestArticle article = InputTopics.newArticle(tag);
        topics.published(article);
        topics.viewed(article, "reader-0123456789abcdef", Instant.now());

        String name = "popular:24h:tag:" + tag;
        List<TopicReader.Event> events = trending.await(event -> name.equals(event.key()), 1, Duration.ofSeconds(60));

        TopicReader.Event event = events.get(0);
        assertThat(event.type()).isEqualTo("newsroom.trending.changed.v1");
        assertThat(event.headers()).containsEntry("ce_subject", name).containsKeys("ce_id", "ce_time");
        EventContracts.assertValid(event.type(), event.value());
        JsonNode data = JsonMapper.shared().readTree(event.value());
        assertThat(data.path("articles").get(0).path("slug").asString()).isEqualTo(article.slug());
    }

    @Test
    void theStreamSendsTheCurrentRankingThenItsChanges() {
        String tag = InputTopics.newTag();
        TestArticle first = InputTopics.newArticle(tag);
        TestArticle second = InputTopics.newArticle(tag);
        String name = "popular:7d:tag:" + tag;
        topics.published(first);
        topics.published(second);
        topics.viewed(first, "reader-0123456789abcdef", Instant.now());

        Flux<ServerSentEvent<String>> stream = web.get()
                .uri("/api/trending/stream?ranking=" + name)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody();

        List<String> slugsInOrder = stream.filter(sse -> "trending-changed".equals(sse.event()))
                .doOnSubscribe(subscription -> {
                    // The second article overtakes the first once the stream is open.
                    for (int i = 0; i < 3; i++) {
                        topics.viewed(second, "fan-" + i + "-0123456789abcdef", Instant.now());
                    }
                })
                .map(sse -> JsonMapper.shared().readTree(sse.data()))
                .filter(data -> name.equals(data.path("name").asString()))
                .map(data -> data.path("articles").get(0).path("slug").asString())
                .takeUntil(slug -> slug.equals(second.slug()))
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(slugsInOrder).last().isEqualTo(second.slug());
    }

    @Test
    void theStreamOnlyCarriesOverallRankingsUnlessATagRankingIsNamed() {
        String tag = InputTopics.newTag();
        TestArticle article = InputTopics.newArticle(tag);
        topics.published(article);

        Flux<ServerSentEvent<String>> stream = web.get()
                .uri("/api/trending/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody();
        List<String> names = stream.filter(sse -> "trending-changed".equals(sse.event()))
                .doOnSubscribe(subscription -> topics.viewed(article, "reader-0123456789abcdef", Instant.now()))
                .map(ServerSentEvent::id)
                .take(Duration.ofSeconds(8))
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(names).allSatisfy(id -> assertThat(id).doesNotContain(":tag:"));
    }

    @Test
    void aStreamWithNothingToSendYetAnswersAtOnceWithAKeepAlive() {
        Flux<ServerSentEvent<String>> stream = web.get()
                .uri("/api/trending/stream?ranking=popular:7d:tag:" + InputTopics.newTag())
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
                .getResponseBody();

        // Well before the 15 s keep-alive period: the first comment is not the periodic one.
        ServerSentEvent<String> first = stream.blockFirst(Duration.ofSeconds(10));

        assertThat(first).isNotNull();
        assertThat(first.comment()).isEqualTo("keep-alive");
    }
}
