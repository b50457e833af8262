package dev.newsroom.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import dev.newsroom.assistant.Articles.TestArticle;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Nothing is stored: around real requests (answered, unanswered, streamed, refused), the question
 * is in no log line, even with every logger that sees a request at DEBUG or TRACE, in no document
 * of any database and in no record of any topic.
 */
@AssistantServiceTest
class PrivacyTest {

    @Autowired
    WebTestClient web;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    MongoClient mongoClient;

    @Test
    void aQuestionLeavesNoTraceInLogsDatabasesOrTopics() throws Exception {
        String secret = PrivacyProbe.secretWord();
        String question = "What did the repair cost the regional government, " + secret + "?";
        TestArticle article;
        try (Articles articles = new Articles(mongo)) {
            article = articles.live(SampleArticles.BRIDGE_TITLE, SampleArticles.BRIDGE);
        }
        Ask ask = new Ask(web);

        try (PrivacyProbe probe = PrivacyProbe.open()) {
            ask.question(article.slug(), question)
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.answer.answered")
                    .isEqualTo(true);
            assertThat(ask.stream(article.slug(), question)).contains("event: done");
            ask.question(article.slug(), "Did the " + secret + " pay for it?")
                    .expectStatus()
                    .isOk();
            ask.question(article.slug(), secret + " " + "x".repeat(600))
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            ask.body(article.slug(), ("{\"question\": " + secret).getBytes())
                    .expectStatus()
                    .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

            List<String> lines = probe.logLines();
            assertThat(lines)
                    .as("the probe sees the requests at all")
                    .anyMatch(line -> line.contains("/api/articles/" + article.slug() + "/ask"));
            probe.assertNotLogged(secret);
        }

        List<String> documents = PrivacyProbe.everyDocument(mongoClient);
        assertThat(documents)
                .as("the search reaches the article text the service keeps")
                .anyMatch(document -> document.contains("48 million euros"));
        assertThat(documents).noneMatch(document -> PrivacyProbe.containsIgnoringCase(document, secret));

        List<String> records = PrivacyProbe.everyRecord(System.getProperty("spring.kafka.bootstrap-servers"));
        assertThat(records)
                .as("the search reaches the article events")
                .anyMatch(record -> record.contains(article.slug()));
        assertThat(records).noneMatch(record -> PrivacyProbe.containsIgnoringCase(record, secret));
    }
}
