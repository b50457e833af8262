package dev.newsroom.article.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.article.ArticleServiceTest;
import dev.newsroom.platform.authors.AuthorProfiles;
import dev.newsroom.platform.authors.TestUsers;
import dev.newsroom.platform.security.TestTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@ArticleServiceTest
class ArticleApiTest {

    @Autowired
    WebTestClient web;

    @Autowired
    AuthorProfiles profiles;

    final TestTokens.User author = TestTokens.newUser("author");
    final TestTokens.User reader = TestTokens.newUser("reader");
    final TestUsers users = new TestUsers();

    /** As user-service would have told this service before these users write. */
    @BeforeEach
    void register() {
        users.registered(author);
        users.registered(reader);
    }

    @AfterEach
    void close() {
        users.close();
    }

    @Test
    void publishingAnswers201WithTheArticleAndItsRenderedBody() {
        create(
                        author,
                        Map.of(
                                "title", "How to train your dragon",
                                "description", "Ever wonder how?",
                                "body", "It takes a **Jacobian**",
                                "tagList", List.of("dragons", "training")))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.article.slug")
                .value(String.class, slug -> assertThat(slug).startsWith("how-to-train-your-dragon-"))
                .jsonPath("$.article.title")
                .isEqualTo("How to train your dragon")
                .jsonPath("$.article.body")
                .isEqualTo("It takes a **Jacobian**")
                .jsonPath("$.article.bodyHtml")
                .isEqualTo("<p>It takes a <strong>Jacobian</strong></p>")
                .jsonPath("$.article.tagList")
                .isEqualTo(List.of("dragons", "training"))
                .jsonPath("$.article.favorited")
                .isEqualTo(false)
                .jsonPath("$.article.favoritesCount")
                .isEqualTo(0)
                .jsonPath("$.article.author.username")
                .isEqualTo(author.username())
                .jsonPath("$.article.author.following")
                .isEqualTo(false)
                .jsonPath("$.article.authorId")
                .doesNotExist()
                .jsonPath("$.article.createdAt")
                .value(
                        String.class,
                        at -> assertThat(at).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void duplicateTitlesGetTheirOwnSlugs() {
        String first = slugOf(create(author, article("Same title")));
        String second = slugOf(create(author, article("Same title")));

        assertThat(first).isNotEqualTo(second);
        read(first).expectStatus().isOk();
        read(second).expectStatus().isOk();
    }

    @Test
    void blankFieldsAnswer422PerFieldAndNoTokenAnswers401() {
        create(author, Map.of("title", "", "description", " "))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"title\":[\"can't be blank\"],\"description\":[\"can't be blank\"],"
                        + "\"body\":[\"can't be blank\"]}}");
        web.post()
                .uri("/api/articles")
                .bodyValue(Map.of("article", article("No token")))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"errors\":{\"token\":[\"is missing\"]}}");
    }

    @Test
    void wrongTypesAndMalformedJsonAnswer422() {
        create(author, Map.of("title", 5, "description", List.of(), "body", "b", "tagList", "x"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.title[0]")
                .isEqualTo("must be a string")
                .jsonPath("$.errors.tagList[0]")
                .isEqualTo("must be a list of tags");
        web.post()
                .uri("/api/articles")
                .header(HttpHeaders.AUTHORIZATION, author.authorization())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"article\": {\"title\": ")
                .exchange()
                .expectStatus()
                .isEqualTo(422);
    }

    @Test
    void unknownSlugAnswers404EverywhereItIsUsed() {
        String missing = "no-such-article-" + UUID.randomUUID();
        String notFound = "{\"errors\":{\"article\":[\"not found\"]}}";
        read(missing).expectStatus().isNotFound().expectBody().json(notFound);
        as(author, web.put().uri("/api/articles/" + missing))
                .bodyValue(Map.of("article", Map.of("title", "x")))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json(notFound);
        as(author, web.delete().uri("/api/articles/" + missing))
                .exchange()
                .expectStatus()
                .isNotFound();
        as(author, web.post().uri("/api/articles/" + missing + "/favorite"))
                .exchange()
                .expectStatus()
                .isNotFound();
        as(author, web.delete().uri("/api/articles/" + missing + "/favorite"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void anUpdateChangesOnlyWhatIsSentAndKeepsSlugAndCreatedAt() {
        Map<String, Object> created = body(create(
                author,
                Map.of(
                        "title",
                        "Original title",
                        "description",
                        "d",
                        "body",
                        "b",
                        "tagList",
                        List.of("b-tag", "a-tag"))));
        String slug = (String) created.get("slug");

        Map<String, Object> updated = body(as(author, web.put().uri("/api/articles/" + slug))
                .bodyValue(Map.of("article", Map.of("title", "A new title")))
                .exchange()
                .expectStatus()
                .isOk());

        assertThat(updated)
                .containsEntry("slug", slug)
                .containsEntry("title", "A new title")
                .containsEntry("description", "d")
                .containsEntry("tagList", List.of("b-tag", "a-tag"))
                .containsEntry("createdAt", created.get("createdAt"));
        assertThat(Instant.parse((String) updated.get("updatedAt")))
                .isAfterOrEqualTo(Instant.parse((String) created.get("updatedAt")));
        read(slug).expectBody().jsonPath("$.article.title").isEqualTo("A new title");
    }

    @Test
    void anEmptyTagListRemovesTheTagsAndANullOneIsRefused() {
        String slug = slugOf(
                create(author, Map.of("title", "Tagged", "description", "d", "body", "b", "tagList", List.of("x"))));
        java.util.HashMap<String, Object> nullTags = new java.util.HashMap<>();
        nullTags.put("tagList", null);

        as(author, web.put().uri("/api/articles/" + slug))
                .bodyValue(Map.of("article", nullTags))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"tagList\":[\"must be a list of tags\"]}}");
        as(author, web.put().uri("/api/articles/" + slug))
                .bodyValue(Map.of("article", Map.of("tagList", List.of())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.article.tagList")
                .isEmpty();
    }

    @Test
    void onlyTheAuthorMayChangeOrDeleteAnArticle() {
        String slug = slugOf(create(author, article("Mine")));
        String forbidden = "{\"errors\":{\"article\":[\"forbidden\"]}}";

        as(reader, web.put().uri("/api/articles/" + slug))
                .bodyValue(Map.of("article", Map.of("title", "Yours now")))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .json(forbidden);
        as(reader, web.delete().uri("/api/articles/" + slug))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .json(forbidden);
        as(author, web.delete().uri("/api/articles/" + slug))
                .exchange()
                .expectStatus()
                .isNoContent();
        read(slug).expectStatus().isNotFound();
    }

    @Test
    void anUpdateIsJudged404Then403Then422WhateverTheBodyHolds() {
        String slug = slugOf(create(author, article("Order of checks")));
        Map<String, Object> invalid = Map.of("article", Map.of("title", ""));

        as(author, web.put().uri("/api/articles/no-such-" + UUID.randomUUID()))
                .bodyValue(invalid)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"errors\":{\"article\":[\"not found\"]}}");
        as(reader, web.put().uri("/api/articles/" + slug))
                .bodyValue(invalid)
                .exchange()
                .expectStatus()
                .isForbidden();
        as(author, web.put().uri("/api/articles/" + slug))
                .bodyValue(invalid)
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .json("{\"errors\":{\"title\":[\"can't be blank\"]}}");
    }

    @Test
    void anUpdateNamingNoFieldAnswers422() {
        String slug = slugOf(create(author, article("Nothing to change")));
        as(author, web.put().uri("/api/articles/" + slug))
                .bodyValue(Map.of("article", Map.of()))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.article[0]")
                .isEqualTo("must contain at least one of title, description, body, tagList");
    }

    @Test
    void favouritingTwiceCountsOnceAndUnfavouritingTakesItBack() {
        String slug = slugOf(create(author, article("Likeable")));
        for (int i = 0; i < 2; i++) {
            as(reader, web.post().uri("/api/articles/" + slug + "/favorite"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.article.favorited")
                    .isEqualTo(true)
                    .jsonPath("$.article.favoritesCount")
                    .isEqualTo(1);
        }
        as(reader, web.get().uri("/api/articles/" + slug))
                .exchange()
                .expectBody()
                .jsonPath("$.article.favorited")
                .isEqualTo(true);
        for (int i = 0; i < 2; i++) {
            as(reader, web.delete().uri("/api/articles/" + slug + "/favorite"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.article.favorited")
                    .isEqualTo(false)
                    .jsonPath("$.article.favoritesCount")
                    .isEqualTo(0);
        }
    }

    @Test
    void concurrentFavouritesByManyUsersGiveAnExactCount() throws Exception {
        String slug = slugOf(create(author, article("Popular")));
        int users = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                TestTokens.User fan = TestTokens.newUser("fan" + i);
                for (int twice = 0; twice < 2; twice++) {
                    calls.add(() -> as(fan, web.post().uri("/api/articles/" + slug + "/favorite"))
                            .exchange()
                            .returnResult(String.class)
                            .getStatus()
                            .value());
                }
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        read(slug).expectBody().jsonPath("$.article.favoritesCount").isEqualTo(users);
    }

    @Test
    void listsAreNewestFirstWithoutBodiesAndFilterAndPage() {
        String tag = "tag-" + UUID.randomUUID().toString().substring(0, 8);
        TestTokens.User writer = users.known(profiles, TestTokens.newUser());
        TestTokens.User fan = users.known(profiles, TestTokens.newUser());
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slugs.add(slugOf(create(
                    writer, Map.of("title", "Listed " + i, "description", "d", "body", "b", "tagList", List.of(tag)))));
        }
        as(fan, web.post().uri("/api/articles/" + slugs.get(0) + "/favorite"))
                .exchange()
                .expectStatus()
                .isOk();

        web.get()
                .uri("/api/articles?tag=" + tag + "&limit=2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.articlesCount")
                .isEqualTo(3)
                .jsonPath("$.articles.length()")
                .isEqualTo(2)
                .jsonPath("$.articles[0].slug")
                .isEqualTo(slugs.get(2))
                .jsonPath("$.articles[0].body")
                .doesNotExist()
                .jsonPath("$.articles[0].bodyHtml")
                .doesNotExist();
        web.get()
                .uri("/api/articles?tag=" + tag + "&limit=2&offset=2")
                .exchange()
                .expectBody()
                .jsonPath("$.articles[0].slug")
                .isEqualTo(slugs.get(0));
        web.get()
                .uri("/api/articles?author=" + writer.username())
                .exchange()
                .expectBody()
                .jsonPath("$.articlesCount")
                .isEqualTo(3)
                .jsonPath("$.articles[0].author.username")
                .isEqualTo(writer.username());
        as(fan, web.get().uri("/api/articles?favorited=" + fan.username() + "&tag=" + tag))
                .exchange()
                .expectBody()
                .jsonPath("$.articlesCount")
                .isEqualTo(1)
                .jsonPath("$.articles[0].favorited")
                .isEqualTo(true);
        web.get().uri("/api/articles?limit=abc").exchange().expectStatus().isEqualTo(422);
        web.get().uri("/api/articles?offset=-1").exchange().expectStatus().isEqualTo(422);
    }

    @Test
    void pagingValuesItCannotUseAre422NamingTheParameterEvenWhenCalledDirectly() {
        for (String limit : List.of("abc", "0", "-1", "1.5", "+5", "1e3", "5,6", "99999999999999999999x")) {
            web.get()
                    .uri("/api/articles?limit=" + limit)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"limit\":[\"must be a whole number of at least 1\"]}}", true);
        }
        for (String offset : List.of("abc", "-1", "1.5")) {
            web.get()
                    .uri("/api/articles?offset=" + offset)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .json("{\"errors\":{\"offset\":[\"must be a whole number of at least 0\"]}}", true);
        }
        web.get()
                .uri("/api/articles?limit=" + "9".repeat(200) + "&offset=")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void tagsComeMostUsedFirstAndAnUnusedTagDisappears() {
        String rare = "rare-" + UUID.randomUUID().toString().substring(0, 6);
        String common = "common-" + UUID.randomUUID().toString().substring(0, 6);
        create(author, Map.of("title", "t1", "description", "d", "body", "b", "tagList", List.of(common)));
        create(author, Map.of("title", "t2", "description", "d", "body", "b", "tagList", List.of(common)));
        String slug = slugOf(create(
                author, Map.of("title", "t3", "description", "d", "body", "b", "tagList", List.of(common, rare))));

        List<String> tags = tags();
        assertThat(tags).contains(common, rare);
        assertThat(tags.indexOf(common)).isLessThan(tags.indexOf(rare));

        as(author, web.delete().uri("/api/articles/" + slug))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(tags()).contains(common).doesNotContain(rare);
    }

    @Test
    void expiredLabelsNoLongerShowAndSourceAndCoverAreKept() {
        create(
                        author,
                        Map.of(
                                "title", "Breaking",
                                "description", "d",
                                "body", "b",
                                "labels",
                                        List.of(
                                                Map.of("name", "Breaking news", "expiresAt", "2999-01-01T00:00:00Z"),
                                                Map.of("name", "Old news", "expiresAt", "2001-01-01T00:00:00Z")),
                                "source", Map.of("name", "Wire service", "url", "https://wire.example.org/1"),
                                "coverImage", "https://images.example.org/cover.jpg"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.article.labels.length()")
                .isEqualTo(1)
                .jsonPath("$.article.labels[0].name")
                .isEqualTo("Breaking news")
                .jsonPath("$.article.source.name")
                .isEqualTo("Wire service")
                .jsonPath("$.article.coverImage")
                .isEqualTo("https://images.example.org/cover.jpg");
        create(author, Map.of("title", "x", "description", "d", "body", "b", "coverImage", "javascript:alert(1)"))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors.coverImage[0]")
                .isEqualTo("must be an http or https URL");
    }

    @Test
    void internalSearchServesTheFeedByAuthorIdsAndByIdsServesTrending() {
        TestTokens.User followed = TestTokens.newUser("followed");
        users.registered(followed);
        String slug = slugOf(create(followed, article("For the feed")));

        web.post()
                .uri("/internal/articles/search")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.serviceAuthorization())
                .bodyValue(Map.of("authorIds", List.of(followed.id()), "viewerId", reader.id()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.articlesCount")
                .isEqualTo(1)
                .jsonPath("$.articles[0].slug")
                .isEqualTo(slug);
    }

    private List<String> tags() {
        Map<?, ?> body = web.get()
                .uri("/api/tags")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<String> tags = (List<String>) body.get("tags");
        return tags;
    }

    private static Map<String, Object> article(String title) {
        return Map.of("title", title, "description", "About " + title, "body", "The body of " + title);
    }

    private WebTestClient.ResponseSpec create(TestTokens.User user, Map<String, Object> article) {
        return as(user, web.post().uri("/api/articles"))
                .bodyValue(Map.of("article", article))
                .exchange();
    }

    private WebTestClient.ResponseSpec read(String slug) {
        return web.get().uri("/api/articles/" + slug).exchange();
    }

    private static <S extends WebTestClient.RequestHeadersSpec<?>> S as(TestTokens.User user, S request) {
        request.header(HttpHeaders.AUTHORIZATION, user.authorization());
        return request;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(WebTestClient.ResponseSpec response) {
        Map<?, ?> body = response.expectBody(Map.class).returnResult().getResponseBody();
        return (Map<String, Object>) body.get("article");
    }

    private static String slugOf(WebTestClient.ResponseSpec response) {
        return (String) body(response.expectStatus().isCreated()).get("slug");
    }
}
