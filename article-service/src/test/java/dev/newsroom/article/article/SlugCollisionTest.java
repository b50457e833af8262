package dev.newsroom.article.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.newsroom.article.ArticleServiceProperties;
import dev.newsroom.platform.outbox.OutboxRelay;
import dev.newsroom.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class SlugCollisionTest {

    @Test
    void aSlugThatKeepsCollidingIs409NamingTheSlugAfterFiveAttempts() {
        ReactiveMongoTemplate mongo = mock(ReactiveMongoTemplate.class);
        when(mongo.insert(any(Article.class))).thenReturn(Mono.error(new DuplicateKeyException("slug taken")));
        ArticleRepository repository = new ArticleRepository(mongo);
        FavoriteRepository favorites = new FavoriteRepository(mongo);
        ArticleServiceProperties properties = new ArticleServiceProperties(
                "salt", 10, ArticleServiceProperties.PublishingPolicy.OPEN, Duration.ofSeconds(1), Duration.ofHours(2));
        ArticleWriting articles = new ArticleWriting(
                repository,
                favorites,
                new RevisionRepository(mongo),
                new BreakingAlerts(
                        repository,
                        mock(OutboxRelay.class),
                        JsonMapper.builder().build(),
                        Clock.systemUTC(),
                        properties),
                new ArticleReads(repository, favorites),
                new MarkdownRenderer(),
                mock(OutboxRelay.class),
                JsonMapper.builder().build(),
                Clock.systemUTC(),
                properties);
        ArticleInput input = new ArticleInput(Set.of("title"), "Title", "About", "Body", List.of(), null, null, null);

        Object failure = articles.create("author-id", input, Status.PUBLISHED)
                .map(Object.class::cast)
                .onErrorResume(Mono::just)
                .block();

        assertThat(failure).isInstanceOfSatisfying(ApiException.class, conflict -> {
            assertThat(conflict.status().value()).isEqualTo(409);
            assertThat(conflict.errors()).isEqualTo(Map.of("slug", List.of("has already been taken")));
        });
        verify(mongo, times(5)).insert(any(Article.class));
    }
}
