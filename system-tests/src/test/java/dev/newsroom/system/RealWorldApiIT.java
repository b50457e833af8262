package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The RealWorld flows a Conduit client goes through (following, the feed, favourites, listing
 * filters and paging, comment threads) and Newsroom's rules beyond the RealWorld document (field
 * formats, moderation roles, malformed JSON, rate limits, internal endpoints), as a client sees
 * them through the gateway of the shared running suite ({@link PublicApiSuite}). Each listed
 * status, error body and request-body field of the document itself is covered by {@link
 * RealWorldConformanceIT}; a service being down is {@link LocalSuiteIT}'s, which has a suite of its
 * own to break.
 *
 * <p>The gateway gives anonymous clients 300 requests per address (refilled at 300/min); the
 * anonymous requests here (registrations, logins, public reads) stay well below that, and the
 * signed-in ones are spread over several users, each with its own budget.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealWorldApiIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "correct-horse";
    /** Keeps names unique should the data folder ever be reused. */
    private static final String RUN =
            UUID.randomUUID().toString().replace("-", "").substring(0, 6);

    private static RunningSuite suite;
    private static User alice;
    private static User bob;

    record User(String username, String email, String token) {
        String auth() {
            return "Token " + token;
        }

        String bearer() {
            return "Bearer " + token;
        }
    }

    record Answer(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        JsonNode path(String field) {
            return json().path(field);
        }
    }

    @BeforeAll
    static void useTheSharedSuite() throws Exception {
        suite = PublicApiSuite.get();
        alice = register("alice");
        bob = register("bob");
    }

    // ---------------------------------------------------------------- users

    @Test
    @Order(1)
    void registrationAnswers201WithTheUserAndAToken() throws Exception {
        String name = "reg_" + RUN;
        Answer answer = send("POST", "/api/users", userJson(name, name + "@example.org", PASSWORD), null);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode user = answer.path("user");
        assertUser(user, name, name + "@example.org");
        assertThat(user.path("bio").isNull()).as("bio of a new user").isTrue();
        assertThat(user.path("image").isNull()).as("image of a new user").isTrue();
    }

    @Test
    @Order(2)
    void registrationRefusesEachBlankOrInvalidFieldWith422() throws Exception {
        String name = "inv_" + RUN;
        assertErrors(
                send("POST", "/api/users", userJson("", name + "@example.org", PASSWORD), null),
                422,
                "{\"errors\":{\"username\":[\"can't be blank\"]}}");
        assertErrors(
                send("POST", "/api/users", userJson(name, "  ", PASSWORD), null),
                422,
                "{\"errors\":{\"email\":[\"can't be blank\"]}}");
        assertErrors(
                send("POST", "/api/users", userJson(name, name + "@example.org", ""), null),
                422,
                "{\"errors\":{\"password\":[\"can't be blank\"]}}");
        assertErrors(
                send("POST", "/api/users", userJson(name, "not-an-email", PASSWORD), null),
                422,
                "{\"errors\":{\"email\":[\"is invalid\"]}}");
        assertErrors(
                send("POST", "/api/users", userJson(name, name + "@example.org", "short"), null),
                422,
                "{\"errors\":{\"password\":[\"is too short (minimum is 8 characters)\"]}}");
        assertErrors(
                send("POST", "/api/users", userJson("no spaces " + RUN, name + "@example.org", PASSWORD), null),
                422,
                "{\"errors\":{\"username\":[\"may only contain letters, digits, '-' and '_'\"]}}");
        assertErrors(
                send("POST", "/api/users", "{\"user\":{}}", null),
                422,
                "{\"errors\":{\"username\":[\"can't be blank\"],\"email\":[\"can't be blank\"],"
                        + "\"password\":[\"can't be blank\"]}}");
        assertErrors(send("POST", "/api/users", "{}", null), 422, "{\"errors\":{\"user\":[\"can't be blank\"]}}");
    }

    @Test
    @Order(4)
    void loginAnswersTheUserOr401WithInvalidCredentials() throws Exception {
        Answer ok = send("POST", "/api/users/login", loginJson(alice.email().toUpperCase(Locale.ROOT), PASSWORD), null);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertUser(ok.path("user"), alice.username(), alice.email());

        assertErrors(
                send("POST", "/api/users/login", loginJson(alice.email(), "wrong-password"), null),
                401,
                "{\"errors\":{\"credentials\":[\"invalid\"]}}");
        assertErrors(
                send("POST", "/api/users/login", loginJson("nobody_" + RUN + "@example.org", PASSWORD), null),
                401,
                "{\"errors\":{\"credentials\":[\"invalid\"]}}");
        assertErrors(
                send("POST", "/api/users/login", loginJson("", ""), null),
                422,
                "{\"errors\":{\"email\":[\"can't be blank\"],\"password\":[\"can't be blank\"]}}");
    }

    @Test
    @Order(5)
    void theCurrentUserIsReadWithTokenOrBearerAndNeedsAValidToken() throws Exception {
        for (String authorization : List.of(alice.auth(), alice.bearer())) {
            Answer answer = send("GET", "/api/user", null, authorization);
            assertThat(answer.status()).as(authorization + " " + answer.body()).isEqualTo(200);
            assertUser(answer.path("user"), alice.username(), alice.email());
        }

        assertErrors(send("GET", "/api/user", null, null), 401, "{\"errors\":{\"token\":[\"is missing\"]}}");
        String tampered = alice.token().substring(0, alice.token().length() - 4) + "AAAA";
        for (String malformed : List.of("Token not-a-jwt", "Token " + tampered, "Bearer a.b.c")) {
            Answer answer = send("GET", "/api/user", null, malformed);
            assertThat(answer.status()).as(malformed).isEqualTo(401);
            assertThat(answer.path("errors").path("token").path(0).asString())
                    .as("why %s was refused", malformed)
                    .isNotBlank();
        }
    }

    @Test
    @Order(6)
    void theCurrentUserIsUpdatedWithTokenOrBearer() throws Exception {
        User carol = register("carol");
        Answer bio = send(
                "PUT",
                "/api/user",
                "{\"user\":{\"bio\":\"Reporter\",\"image\":\"https://example.org/carol.png\"}}",
                carol.auth());
        assertThat(bio.status()).as(bio.body()).isEqualTo(200);
        assertUser(bio.path("user"), carol.username(), carol.email());
        assertThat(bio.path("user").path("bio").asString()).isEqualTo("Reporter");
        assertThat(bio.path("user").path("image").asString()).isEqualTo("https://example.org/carol.png");

        String newEmail = "carol.new_" + RUN + "@example.org";
        Answer email = send("PUT", "/api/user", "{\"user\":{\"email\":\"" + newEmail + "\"}}", carol.bearer());
        assertThat(email.status()).as(email.body()).isEqualTo(200);
        assertUser(email.path("user"), carol.username(), newEmail);
        assertThat(email.path("user").path("bio").asString()).as("unchanged").isEqualTo("Reporter");

        Answer login = send("POST", "/api/users/login", loginJson(newEmail, PASSWORD), null);
        assertThat(login.status())
                .as("signing in with the new email: " + login.body())
                .isEqualTo(200);

        assertErrors(
                send("PUT", "/api/user", "{\"user\":{\"email\":\"" + alice.email() + "\"}}", carol.auth()),
                409,
                "{\"errors\":{\"email\":[\"has already been taken\"]}}");
        assertErrors(
                send("PUT", "/api/user", "{\"user\":{\"email\":\"nope\"}}", carol.auth()),
                422,
                "{\"errors\":{\"email\":[\"is invalid\"]}}");
        assertErrors(
                send("PUT", "/api/user", "{\"user\":{\"bio\":\"x\"}}", null),
                401,
                "{\"errors\":{\"token\":[\"is missing\"]}}");
    }

    @Test
    @Order(7)
    void profilesAreReadFollowedAndUnfollowed() throws Exception {
        Answer anonymous = send("GET", "/api/profiles/" + bob.username(), null, null);
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(200);
        assertProfile(anonymous.path("profile"), bob.username(), false);

        assertErrors(
                send("GET", "/api/profiles/nobody_" + RUN, null, null),
                404,
                "{\"errors\":{\"profile\":[\"not found\"]}}");

        Answer follow = send("POST", "/api/profiles/" + bob.username() + "/follow", null, alice.auth());
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);
        assertProfile(follow.path("profile"), bob.username(), true);

        Answer seen = send("GET", "/api/profiles/" + bob.username(), null, alice.bearer());
        assertProfile(seen.path("profile"), bob.username(), true);
        Answer again = send("POST", "/api/profiles/" + bob.username() + "/follow", null, alice.auth());
        assertThat(again.status()).as("following twice is harmless").isEqualTo(200);
        assertProfile(again.path("profile"), bob.username(), true);

        Answer unfollow = send("DELETE", "/api/profiles/" + bob.username() + "/follow", null, alice.auth());
        assertThat(unfollow.status()).as(unfollow.body()).isEqualTo(200);
        assertProfile(unfollow.path("profile"), bob.username(), false);
        assertProfile(
                send("GET", "/api/profiles/" + bob.username(), null, alice.auth())
                        .path("profile"),
                bob.username(),
                false);

        assertErrors(
                send("POST", "/api/profiles/" + alice.username() + "/follow", null, alice.auth()),
                422,
                "{\"errors\":{\"profile\":[\"cannot follow yourself\"]}}");
        assertErrors(
                send("POST", "/api/profiles/nobody_" + RUN + "/follow", null, alice.auth()),
                404,
                "{\"errors\":{\"profile\":[\"not found\"]}}");
        assertErrors(
                send("POST", "/api/profiles/" + bob.username() + "/follow", null, null),
                401,
                "{\"errors\":{\"token\":[\"is missing\"]}}");
        assertErrors(
                send("DELETE", "/api/profiles/" + bob.username() + "/follow", null, null),
                401,
                "{\"errors\":{\"token\":[\"is missing\"]}}");
    }

    // ---------------------------------------------------------------- articles

    @Test
    @Order(10)
    void anArticleIsCreatedReadAndUpdatedByItsAuthor() throws Exception {
        Answer created = send(
                "POST",
                "/api/articles",
                articleJson("How to train your dragon", "Ever wonder how?", "You have to believe", "zeta", "alpha"),
                alice.auth());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode article = created.path("article");
        assertArticle(article, alice.username(), false, false, 0);
        assertThat(article.path("title").asString()).isEqualTo("How to train your dragon");
        assertThat(article.path("description").asString()).isEqualTo("Ever wonder how?");
        assertThat(article.path("body").asString()).isEqualTo("You have to believe");
        assertThat(send("GET", "/api/articles?author=" + alice.username(), null, null)
                        .path("articles")
                        .path(0)
                        .has("body"))
                .as("list items leave the body out, as RealWorld's list schema does")
                .isFalse();
        assertThat(texts(article.path("tagList"))).as("tags in the order given").containsExactly("zeta", "alpha");
        String slug = article.path("slug").asString();
        assertThat(slug).startsWith("how-to-train-your-dragon");

        Answer read = send("GET", "/api/articles/" + slug, null, null);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertArticle(read.path("article"), alice.username(), false, false, 0);
        assertThat(read.path("article").path("slug").asString()).isEqualTo(slug);
        assertThat(texts(read.path("article").path("tagList"))).containsExactly("zeta", "alpha");

        Answer updated = send(
                "PUT",
                "/api/articles/" + slug,
                "{\"article\":{\"title\":\"Did you train your dragon?\",\"body\":\"With patience.\"}}",
                alice.bearer());
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode after = updated.path("article");
        assertArticle(after, alice.username(), false, false, 0);
        assertThat(after.path("title").asString()).isEqualTo("Did you train your dragon?");
        assertThat(after.path("body").asString()).isEqualTo("With patience.");
        assertThat(after.path("description").asString()).as("unchanged").isEqualTo("Ever wonder how?");
        assertThat(after.path("createdAt").asString())
                .as("createdAt never changes")
                .isEqualTo(article.path("createdAt").asString());
        assertThat(Instant.parse(after.path("updatedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(article.path("updatedAt").asString()));
        String newSlug = after.path("slug").asString();
        assertThat(send("GET", "/api/articles/" + newSlug, null, null)
                        .path("article")
                        .path("title")
                        .asString())
                .isEqualTo("Did you train your dragon?");

        assertErrors(
                send("PUT", "/api/articles/" + newSlug, "{\"article\":{\"body\":\"Mine now\"}}", bob.auth()),
                403,
                "{\"errors\":{\"article\":[\"forbidden\"]}}");
        assertErrors(
                send("PUT", "/api/articles/" + newSlug, "{\"article\":{\"body\":\"Mine now\"}}", null),
                401,
                "{\"errors\":{\"token\":[\"is missing\"]}}");
        assertErrors(
                send("PUT", "/api/articles/no-such-" + RUN, "{\"article\":{\"body\":\"x\"}}", alice.auth()),
                404,
                "{\"errors\":{\"article\":[\"not found\"]}}");
    }

    @Test
    @Order(13)
    void onlyTheAuthorDeletesAnArticle() throws Exception {
        String slug = createArticle(alice, "Short lived", "tmp");

        assertErrors(
                send("DELETE", "/api/articles/" + slug, null, bob.auth()),
                403,
                "{\"errors\":{\"article\":[\"forbidden\"]}}");
        assertErrors(
                send("DELETE", "/api/articles/" + slug, null, null), 401, "{\"errors\":{\"token\":[\"is missing\"]}}");

        Answer deleted = send("DELETE", "/api/articles/" + slug, null, alice.auth());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        assertErrors(
                send("GET", "/api/articles/" + slug, null, null), 404, "{\"errors\":{\"article\":[\"not found\"]}}");
        assertErrors(
                send("DELETE", "/api/articles/" + slug, null, alice.auth()),
                404,
                "{\"errors\":{\"article\":[\"not found\"]}}");
    }

    @Test
    @Order(14)
    void articlesAreListedByAuthorTagAndFavoritedWithPaging() throws Exception {
        User dave = register("dave");
        String tag = "paging" + RUN;
        List<String> slugs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            slugs.add(createArticle(dave, "Dave writes part " + i, tag));
        }

        Answer byAuthor = send("GET", "/api/articles?author=" + dave.username(), null, null);
        assertThat(byAuthor.status()).as(byAuthor.body()).isEqualTo(200);
        assertThat(byAuthor.path("articlesCount").asLong()).isEqualTo(3);
        assertThat(slugsOf(byAuthor)).as("newest first").containsExactly(slugs.get(2), slugs.get(1), slugs.get(0));
        for (JsonNode article : byAuthor.path("articles")) {
            assertArticle(article, dave.username(), false, false, 0);
        }

        Answer firstPage = send("GET", "/api/articles?tag=" + tag + "&limit=2", null, null);
        assertThat(firstPage.status()).as(firstPage.body()).isEqualTo(200);
        assertThat(firstPage.path("articlesCount").asLong())
                .as("the count of all matches, not of the page")
                .isEqualTo(3);
        assertThat(slugsOf(firstPage)).containsExactly(slugs.get(2), slugs.get(1));
        Answer secondPage = send("GET", "/api/articles?tag=" + tag + "&limit=2&offset=2", null, null);
        assertThat(secondPage.path("articlesCount").asLong()).isEqualTo(3);
        assertThat(slugsOf(secondPage)).containsExactly(slugs.get(0));

        Answer unknownAuthor = send("GET", "/api/articles?author=nobody_" + RUN, null, null);
        assertThat(unknownAuthor.status()).as(unknownAuthor.body()).isEqualTo(200);
        assertThat(unknownAuthor.json()).isEqualTo(JSON.readTree("{\"articles\":[],\"articlesCount\":0}"));
        Answer unknownFavoriter = send("GET", "/api/articles?favorited=nobody_" + RUN, null, null);
        assertThat(unknownFavoriter.json()).isEqualTo(JSON.readTree("{\"articles\":[],\"articlesCount\":0}"));
        Answer unknownTag = send("GET", "/api/articles?tag=nothing" + RUN, null, null);
        assertThat(unknownTag.json()).isEqualTo(JSON.readTree("{\"articles\":[],\"articlesCount\":0}"));

        Answer all = send("GET", "/api/articles", null, null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.path("articlesCount").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(all.path("articles").size()).isLessThanOrEqualTo(20);

        Answer tags = awaitAnswer(
                () -> send("GET", "/api/tags", null, null),
                answer -> answer.status() == 200 && texts(answer.path("tags")).contains(tag));
        assertThat(tags.json().propertyNames()).containsExactly("tags");
        tags.path("tags").forEach(t -> assertThat(t.isString()).isTrue());
    }

    @Test
    @Order(15)
    void favoritingCountsAndListsTheArticle() throws Exception {
        User erin = register("erin");
        String slug = createArticle(bob, "Worth a star", "stars" + RUN);

        Answer favorite = send("POST", "/api/articles/" + slug + "/favorite", null, erin.auth());
        assertThat(favorite.status()).as(favorite.body()).isEqualTo(200);
        assertArticle(favorite.path("article"), bob.username(), false, true, 1);

        Answer again = send("POST", "/api/articles/" + slug + "/favorite", null, erin.auth());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.path("article").path("favoritesCount").asLong())
                .as("favoriting twice counts once")
                .isEqualTo(1);

        Answer seenByErin = send("GET", "/api/articles/" + slug, null, erin.auth());
        assertArticle(seenByErin.path("article"), bob.username(), false, true, 1);
        Answer seenByAnyone = send("GET", "/api/articles/" + slug, null, null);
        assertArticle(seenByAnyone.path("article"), bob.username(), false, false, 1);

        Answer favorited = send("GET", "/api/articles?favorited=" + erin.username(), null, erin.auth());
        assertThat(favorited.status()).as(favorited.body()).isEqualTo(200);
        assertThat(slugsOf(favorited)).containsExactly(slug);
        assertThat(favorited.path("articlesCount").asLong()).isEqualTo(1);
        assertThat(favorited.path("articles").path(0).path("favorited").asBoolean())
                .isTrue();

        Answer unfavorite = send("DELETE", "/api/articles/" + slug + "/favorite", null, erin.auth());
        assertThat(unfavorite.status()).as(unfavorite.body()).isEqualTo(200);
        assertArticle(unfavorite.path("article"), bob.username(), false, false, 0);
        assertThat(send("GET", "/api/articles?favorited=" + erin.username(), null, null)
                        .path("articlesCount")
                        .asLong())
                .isZero();

        assertErrors(
                send("POST", "/api/articles/" + slug + "/favorite", null, null),
                401,
                "{\"errors\":{\"token\":[\"is missing\"]}}");
        assertErrors(
                send("POST", "/api/articles/no-such-" + RUN + "/favorite", null, erin.auth()),
                404,
                "{\"errors\":{\"article\":[\"not found\"]}}");
        assertErrors(
                send("DELETE", "/api/articles/no-such-" + RUN + "/favorite", null, erin.auth()),
                404,
                "{\"errors\":{\"article\":[\"not found\"]}}");
    }

    @Test
    @Order(16)
    void theFeedShowsAFollowedAuthorsArticleAtOnce() throws Exception {
        User frank = register("frank");
        User grace = register("grace");
        String slug = createArticle(grace, "Breaking news from Grace", "feed" + RUN);

        Answer before = send("GET", "/api/articles/feed", null, frank.auth());
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.json()).isEqualTo(JSON.readTree("{\"articles\":[],\"articlesCount\":0}"));

        Answer follow = send("POST", "/api/profiles/" + grace.username() + "/follow", null, frank.auth());
        assertThat(follow.status()).as(follow.body()).isEqualTo(200);
        // Read-your-writes: no wait between the follow and the feed.
        Answer feed = send("GET", "/api/articles/feed", null, frank.auth());
        assertThat(feed.status()).as(feed.body()).isEqualTo(200);
        assertThat(slugsOf(feed)).containsExactly(slug);
        assertThat(feed.path("articlesCount").asLong()).isEqualTo(1);
        assertArticle(feed.path("articles").path(0), grace.username(), true, false, 0);

        String second = createArticle(grace, "More from Grace", "feed" + RUN);
        Answer paged = send("GET", "/api/articles/feed?limit=1&offset=0", null, frank.bearer());
        assertThat(slugsOf(paged)).containsExactly(second);
        assertThat(paged.path("articlesCount").asLong()).isEqualTo(2);
        assertThat(slugsOf(send("GET", "/api/articles/feed?limit=1&offset=1", null, frank.auth())))
                .containsExactly(slug);

        Answer unfollow = send("DELETE", "/api/profiles/" + grace.username() + "/follow", null, frank.auth());
        assertThat(unfollow.status()).isEqualTo(200);
        assertThat(send("GET", "/api/articles/feed", null, frank.auth())
                        .path("articlesCount")
                        .asLong())
                .as("unfollowing empties the feed at once too")
                .isZero();

        assertErrors(send("GET", "/api/articles/feed", null, null), 401, "{\"errors\":{\"token\":[\"is missing\"]}}");
    }

    /**
     * Views are counted per reader: an anonymous reader is its address and browser, which the gateway
     * passes on to article-service whether it composes the read or passes it through. One browser
     * reading again within 30 minutes is still one reader.
     */
    @Test
    @Order(17)
    void fiveAnonymousReadersWithDifferentBrowsersCountAsFiveViewsOfANewStory() throws Exception {
        String tag = "views" + RUN;
        String slug = createArticle(alice, "Read in five browsers", tag);
        List<String> browsers = List.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
                "curl/8.11.0");
        for (String browser : browsers) {
            Answer read = readAs(browser, "/api/articles/" + slug);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
        }
        assertThat(readAs(browsers.get(0), "/api/articles/" + slug).status()).isEqualTo(200);

        String popular = "/api/trending?ranking=popular&window=all&tag=" + tag;
        Answer ranked = awaitAnswer(() -> send("GET", popular, null, null), answer -> viewsOf(answer, slug) >= 5);
        assertThat(viewsOf(ranked, slug))
                .as("views of %s in %s", slug, ranked.body())
                .isEqualTo(5);
    }

    // ---------------------------------------------------------------- comments

    @Test
    @Order(20)
    void commentsArePostedListedAndDeleted() throws Exception {
        User heidi = register("heidi");
        String slug = createArticle(alice, "Open for comments", "comments" + RUN);

        // comment-service learns of the article from article-service's event on Kafka.
        Answer posted = awaitAnswer(
                () -> send("POST", commentsOf(slug), commentJson("Great piece!"), bob.auth()),
                answer -> answer.status() != 404);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        JsonNode bobs = posted.path("comment");
        assertComment(bobs, "Great piece!", bob.username());
        long bobsId = bobs.path("id").asLong();

        Answer heidis = send("POST", commentsOf(slug), commentJson("I disagree."), heidi.bearer());
        assertThat(heidis.status()).as(heidis.body()).isEqualTo(201);
        long heidisId = heidis.path("comment").path("id").asLong();
        Answer own = send("POST", commentsOf(slug), commentJson("Thanks both."), alice.auth());
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        long alicesId = own.path("comment").path("id").asLong();

        Answer list = send("GET", commentsOf(slug), null, null);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().propertyNames()).containsExactly("comments");
        assertThat(list.path("comments").size()).isEqualTo(3);
        List<Long> ids = new ArrayList<>();
        list.path("comments").forEach(comment -> ids.add(comment.path("id").asLong()));
        assertThat(ids).containsExactly(bobsId, heidisId, alicesId);
        assertComment(list.path("comments").path(0), "Great piece!", bob.username());

        assertErrors(
                send("DELETE", commentsOf(slug) + "/" + bobsId, null, heidi.auth()),
                403,
                "{\"errors\":{\"comment\":[\"forbidden\"]}}");
        assertErrors(
                send("DELETE", commentsOf(slug) + "/" + bobsId, null, null),
                401,
                "{\"errors\":{\"token\":[\"is missing\"]}}");

        Answer byAuthor = send("DELETE", commentsOf(slug) + "/" + heidisId, null, heidi.auth());
        assertThat(byAuthor.status()).as(byAuthor.body()).isEqualTo(204);
        Answer byArticleAuthor = send("DELETE", commentsOf(slug) + "/" + bobsId, null, alice.auth());
        assertThat(byArticleAuthor.status())
                .as("the article's author may delete any comment: " + byArticleAuthor.body())
                .isEqualTo(204);

        Answer remaining = send("GET", commentsOf(slug), null, null);
        List<Long> left = new ArrayList<>();
        remaining
                .path("comments")
                .forEach(comment -> left.add(comment.path("id").asLong()));
        assertThat(left).containsExactly(alicesId);

        assertErrors(
                send("DELETE", commentsOf(slug) + "/" + bobsId, null, alice.auth()),
                404,
                "{\"errors\":{\"comment\":[\"not found\"]}}");
        for (String unknown : List.of("99999", "abc")) {
            assertErrors(
                    send("DELETE", commentsOf(slug) + "/" + unknown, null, alice.auth()),
                    404,
                    "{\"errors\":{\"comment\":[\"not found\"]}}");
        }
    }

    // ---------------------------------------------------------------- roles, bad input, the edge

    @Test
    @Order(30)
    void moderationNeedsTheModeratorRole() throws Exception {
        assertErrors(
                send("GET", "/api/moderation/comments", null, alice.auth()),
                403,
                "{\"errors\":{\"role\":[\"is not allowed to do this\"]}}");
        assertErrors(
                send("GET", "/api/moderation/comments", null, null), 401, "{\"errors\":{\"token\":[\"is missing\"]}}");
    }

    @Test
    @Order(31)
    void malformedJsonAndWrongTypesAre422() throws Exception {
        String slug = createArticle(alice, "Bad input target", "bad" + RUN);
        awaitAnswer(() -> send("GET", commentsOf(slug), null, alice.auth()), answer -> answer.status() == 200);

        for (String[] request : List.of(
                new String[] {"POST", "/api/users", "{\"user\":"},
                new String[] {"POST", "/api/users/login", "{not json"},
                new String[] {"PUT", "/api/user", "{\"user\":{\"bio\":"},
                new String[] {"POST", "/api/articles", "{\"article\":{\"title\":\"t\","},
                new String[] {"PUT", "/api/articles/" + slug, "]"},
                new String[] {"POST", commentsOf(slug), "{\"comment\":{\"body\":\"x\""})) {
            Answer answer = send(request[0], request[1], request[2], alice.auth());
            assertThat(answer.status())
                    .as("%s %s with malformed JSON: %s", request[0], request[1], answer.body())
                    .isEqualTo(422);
            assertThat(answer.path("errors").isObject()).as(answer.body()).isTrue();
        }

        for (String[] request : List.of(
                new String[] {"POST", "/api/users", "{\"user\":{\"username\":[\"a\"],\"email\":{},\"password\":1}}"},
                new String[] {"POST", "/api/users", "{\"user\":\"alice\"}"},
                new String[] {"POST", "/api/users/login", "{\"user\":[1,2]}"},
                new String[] {"PUT", "/api/user", "{\"user\":{\"bio\":{\"a\":1}}}"},
                new String[] {
                    "POST", "/api/articles", "{\"article\":{\"title\":5,\"description\":\"d\",\"body\":\"b\"}}"
                },
                new String[] {
                    "POST",
                    "/api/articles",
                    "{\"article\":{\"title\":\"t\",\"description\":\"d\",\"body\":\"b\"," + "\"tagList\":\"one\"}}"
                },
                new String[] {"POST", "/api/articles", "{\"article\":[]}"},
                new String[] {"PUT", "/api/articles/" + slug, "{\"article\":{\"body\":[]}}"},
                new String[] {"POST", commentsOf(slug), "{\"comment\":{\"body\":{\"x\":1}}}"},
                new String[] {"POST", commentsOf(slug), "{\"comment\":\"hi\"}"})) {
            Answer answer = send(request[0], request[1], request[2], alice.auth());
            assertThat(answer.status())
                    .as("%s %s %s: %s", request[0], request[1], request[2], answer.body())
                    .isEqualTo(422);
            assertThat(answer.path("errors").isObject()).as(answer.body()).isTrue();
        }
    }

    @Test
    @Order(32)
    void nothingAClientSendsIsAServerError() throws Exception {
        User mallory = register("mallory");
        String slug = createArticle(mallory, "Poke me", "poke" + RUN);
        awaitAnswer(() -> send("GET", commentsOf(slug), null, mallory.auth()), answer -> answer.status() == 200);
        String huge = "x".repeat(70_000);

        List<String[]> requests = new ArrayList<>();
        for (String body : List.of(
                "",
                "null",
                "[]",
                "\"text\"",
                "42",
                "{}",
                "{\"user\":null}",
                "{\"article\":null}",
                "{\"comment\":null}",
                "{\"user\":{\"username\":null,\"email\":null,\"password\":null}}",
                "{\"article\":{\"tagList\":[null,1,{}]}}",
                "{\"article\":{\"title\":\"" + huge + "\",\"description\":\"d\",\"body\":\"b\"}}",
                "{\"comment\":{\"body\":\"x\",\"parentId\":\"abc\"}}",
                "{\"comment\":{\"body\":\"x\",\"parentId\":-1}}",
                "{\"comment\":{\"body\":\"x\",\"parentId\":1e999}}",
                "{\"user\":{\"email\":\"a@b.c\",\"password\":\"" + "é".repeat(100) + "\"}}",
                "\u0000\u0001")) {
            for (String[] target : List.of(
                    new String[] {"POST", "/api/users"},
                    new String[] {"POST", "/api/users/login"},
                    new String[] {"PUT", "/api/user"},
                    new String[] {"POST", "/api/articles"},
                    new String[] {"PUT", "/api/articles/" + slug},
                    new String[] {"POST", commentsOf(slug)})) {
                requests.add(new String[] {target[0], target[1], body});
            }
        }
        for (String query : List.of(
                "/api/articles?limit=abc",
                "/api/articles?limit=-1",
                "/api/articles?limit=0",
                "/api/articles?offset=-5",
                "/api/articles?offset=abc",
                "/api/articles?limit=99999999999999999999",
                "/api/articles?offset=99999999999",
                "/api/articles?author=",
                "/api/articles?author=%00",
                "/api/articles?tag=%F0%9F%90%89",
                "/api/articles?favorited=" + "a".repeat(500),
                "/api/articles/feed?limit=abc",
                "/api/articles/feed?offset=-1",
                "/api/articles/" + "a".repeat(1000),
                "/api/articles/%20",
                "/api/articles/" + slug + "/comments?limit=abc",
                "/api/articles/" + slug + "/comments?limit=100000",
                "/api/articles/" + slug + "/comments?after=zzz",
                "/api/profiles/" + "b".repeat(500),
                "/api/profiles/%2e%2e")) {
            requests.add(new String[] {"GET", query, null});
        }
        for (String path : List.of(
                commentsOf(slug) + "/-1",
                commentsOf(slug) + "/99999999999999999999999",
                commentsOf(slug) + "/1.5",
                "/api/articles/no-such-" + RUN + "/comments/1",
                "/api/profiles/nobody_" + RUN + "/follow")) {
            requests.add(new String[] {"DELETE", path, null});
        }

        List<String> serverErrors = new ArrayList<>();
        for (String[] request : requests) {
            Answer answer = send(request[0], request[1], request[2], mallory.auth());
            if (answer.status() >= 500) {
                serverErrors.add(request[0] + " " + request[1] + " " + abbreviate(request[2]) + " -> " + answer.status()
                        + " " + answer.body());
            }
        }
        assertThat(serverErrors).as("requests answered with a server error").isEmpty();

        // Not JSON at all: 415, not 500.
        HttpResponse<String> xml = HTTP.send(
                HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/articles"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", mallory.auth())
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofString("<article/>"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(xml.statusCode()).as(xml.body()).isBetween(400, 499);
    }

    @Test
    @Order(40)
    void internalEndpointsAndTheActuatorAreNotReachableThroughTheGateway() throws Exception {
        for (String[] request : List.of(
                new String[] {"GET", "/internal/users/" + alice.username() + "/following", null},
                new String[] {"POST", "/internal/articles/search", "{\"authorIds\":[]}"},
                new String[] {"POST", "/internal/articles/by-ids", "{\"ids\":[]}"},
                new String[] {"POST", "/internal/comments/counts", "{\"articleIds\":[]}"},
                new String[] {"GET", "/api/internal/users/" + alice.username() + "/following", null},
                new String[] {"GET", "/actuator/health", null},
                new String[] {"GET", "/actuator/prometheus", null},
                new String[] {"GET", "/actuator/env", null},
                new String[] {"GET", "/actuator/metrics", null},
                new String[] {"GET", "/actuator/gateway/routes", null},
                new String[] {"GET", "/actuator/configprops", null},
                new String[] {"GET", "/actuator/heapdump", null})) {
            for (String authorization : new String[] {null, alice.auth()}) {
                Answer answer = send(request[0], request[1], request[2], authorization);
                assertThat(answer.status())
                        .as("%s %s (%s): %s", request[0], request[1], authorization, answer.body())
                        .isEqualTo(404);
                assertThat(answer.body()).doesNotContain(alice.email());
            }
        }
        Answer dotted = send("GET", "/api/../internal/users/" + alice.username() + "/following", null, null);
        assertThat(dotted.status()).as("a dot-dot path: " + dotted.body()).isBetween(400, 499);

        // The actuator is on the gateway's management port; its door keeps only the probes.
        Answer ready = send("GET", "/readyz", null, null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.path("status").asString()).isEqualTo("UP");
    }

    @Test
    @Order(41)
    void aClientOverItsBudgetGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
        User greedy = register("greedy");
        Answer refused = null;
        // In parallel bursts, so the refill (5 a second) cannot keep up whatever the machine's load.
        for (int round = 0; round < 5 && refused == null; round++) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                // A path the gateway answers itself: the budget is taken before routing.
                burst.add(HTTP.sendAsync(
                        request("GET", "/api/no-such-endpoint", null, greedy.auth()),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (var pending : burst) {
                HttpResponse<String> response = pending.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isLessThan(500);
                if (response.statusCode() == 429 && refused == null) {
                    refused = new Answer(response.statusCode(), response.body(), response.headers());
                }
            }
        }
        assertThat(refused).as("429 within 400 requests (the budget is 300)").isNotNull();
        assertThat(refused.json()).isEqualTo(JSON.readTree("{\"errors\":{\"request\":[\"is rate limited\"]}}"));
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isPositive());

        Answer other = send("GET", "/api/user", null, alice.auth());
        assertThat(other.status()).as("another user's budget is untouched").isEqualTo(200);
    }

    @Test
    @Order(42)
    void repeatedFailedLoginsForOneAccountAre429() throws Exception {
        User victim = register("victim");
        Answer last = null;
        for (int i = 0; i < 8; i++) {
            last = send("POST", "/api/users/login", loginJson(victim.email(), "wrong-" + i + "-password"), null);
            if (last.status() == 429) {
                break;
            }
            assertThat(last.status()).as(last.body()).isEqualTo(401);
        }
        assertThat(last.status())
                .as("failed sign-ins are throttled: " + last.body())
                .isEqualTo(429);
        assertThat(last.path("errors").isObject()).isTrue();
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
    }

    // ---------------------------------------------------------------- helpers

    private static void assertUser(JsonNode user, String username, String email) {
        assertThat(user.isObject()).as("user %s", user).isTrue();
        assertThat(user.propertyNames()).containsExactlyInAnyOrder("email", "token", "username", "bio", "image");
        assertThat(user.path("username").asString()).isEqualTo(username);
        assertThat(user.path("email").asString()).isEqualTo(email);
        assertThat(user.path("token").isString()).isTrue();
        assertThat(user.path("token").asString()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertNullableString(user, "bio");
        assertNullableString(user, "image");
    }

    private static void assertProfile(JsonNode profile, String username, boolean following) {
        assertThat(profile.isObject()).as("profile %s", profile).isTrue();
        assertThat(profile.propertyNames()).containsExactlyInAnyOrder("username", "bio", "image", "following");
        assertThat(profile.path("username").asString()).isEqualTo(username);
        assertNullableString(profile, "bio");
        assertNullableString(profile, "image");
        assertThat(profile.path("following").isBoolean())
                .as("following in %s", profile)
                .isTrue();
        assertThat(profile.path("following").asBoolean())
                .as("following %s", username)
                .isEqualTo(following);
    }

    private static void assertArticle(
            JsonNode article, String author, boolean following, boolean favorited, long favoritesCount) {
        assertThat(article.isObject()).as("article %s", article).isTrue();
        for (String field : List.of("slug", "title", "description")) {
            assertThat(article.path(field).isString())
                    .as("%s in %s", field, article)
                    .isTrue();
        }
        // RealWorld lists leave the body out (openapi.yml, MultipleArticlesResponse); one article has it.
        assertThat(!article.has("body") || article.get("body").isString())
                .as("body in %s", article)
                .isTrue();
        assertThat(article.path("slug").asString()).matches("[a-z0-9-]+");
        assertThat(article.path("tagList").isArray())
                .as("tagList in %s", article)
                .isTrue();
        article.path("tagList").forEach(tag -> assertThat(tag.isString()).isTrue());
        assertIsoTimestamp(article, "createdAt");
        assertIsoTimestamp(article, "updatedAt");
        assertThat(article.path("favorited").isBoolean()).isTrue();
        assertThat(article.path("favorited").asBoolean()).as("favorited").isEqualTo(favorited);
        assertThat(article.path("favoritesCount").isIntegralNumber()).isTrue();
        assertThat(article.path("favoritesCount").asLong()).as("favoritesCount").isEqualTo(favoritesCount);
        assertThat(article.has("authorId"))
                .as("the internal author id is replaced")
                .isFalse();
        assertProfile(article.path("author"), author, following);
    }

    private static void assertComment(JsonNode comment, String body, String author) {
        assertThat(comment.isObject()).as("comment %s", comment).isTrue();
        assertThat(comment.path("id").isIntegralNumber())
                .as("id in %s", comment)
                .isTrue();
        assertIsoTimestamp(comment, "createdAt");
        assertIsoTimestamp(comment, "updatedAt");
        assertThat(comment.path("body").asString()).isEqualTo(body);
        assertThat(comment.has("authorId")).isFalse();
        assertProfile(comment.path("author"), author, false);
    }

    private static void assertNullableString(JsonNode node, String field) {
        assertThat(node.has(field)).as("%s present in %s", field, node).isTrue();
        assertThat(node.get(field).isNull() || node.get(field).isString())
                .as("%s is a string or null in %s", field, node)
                .isTrue();
    }

    private static void assertIsoTimestamp(JsonNode node, String field) {
        String value = node.path(field).asString("");
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new AssertionError(field + " is not an ISO-8601 timestamp: '" + value + "' in " + node, e);
        }
        assertThat(value).as(field).endsWith("Z");
    }

    private static void assertErrors(Answer answer, int status, String expectedJson) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.json()).as(answer.body()).isEqualTo(JSON.readTree(expectedJson));
    }

    private static User register(String prefix) throws Exception {
        String username = prefix + "_" + RUN;
        String email = username + "@example.org";
        Answer answer = send("POST", "/api/users", userJson(username, email, PASSWORD), null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return new User(username, email, answer.path("user").path("token").asString());
    }

    private static String createArticle(User author, String title, String tag) throws Exception {
        Answer answer = send(
                "POST", "/api/articles", articleJson(title, "About " + title, "Text of " + title, tag), author.auth());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.path("article").path("slug").asString();
    }

    /** An anonymous GET from a browser that says it is {@code userAgent}. */
    private static Answer readAs(String userAgent, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(request("GET", path, null, null), (name, value) -> true)
                .header("User-Agent", userAgent)
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    /** The views counted for {@code slug} in a ranking answer (0 while it is not ranked). */
    private static long viewsOf(Answer ranking, String slug) {
        for (JsonNode entry : ranking.path("articles")) {
            if (entry.path("slug").asString().equals(slug)) {
                return entry.path("views").asLong();
            }
        }
        return 0;
    }

    private static String commentsOf(String slug) {
        return "/api/articles/" + slug + "/comments";
    }

    private static List<String> slugsOf(Answer answer) {
        List<String> slugs = new ArrayList<>();
        answer.path("articles")
                .forEach(article -> slugs.add(article.path("slug").asString()));
        return slugs;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String userJson(String username, String email, String password) {
        var user = JSON.createObjectNode();
        user.putObject("user").put("username", username).put("email", email).put("password", password);
        return user.toString();
    }

    private static String loginJson(String email, String password) {
        var login = JSON.createObjectNode();
        login.putObject("user").put("email", email).put("password", password);
        return login.toString();
    }

    private static String articleJson(String title, String description, String body, String... tags) {
        var article = JSON.createObjectNode();
        var fields = article.putObject("article")
                .put("title", title)
                .put("description", description)
                .put("body", body);
        var tagList = fields.putArray("tagList");
        for (String tag : tags) {
            tagList.add(tag);
        }
        return article.toString();
    }

    private static String commentJson(String body) {
        var comment = JSON.createObjectNode();
        comment.putObject("comment").put("body", body);
        return comment.toString();
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 80 ? String.valueOf(text) : text.substring(0, 80) + "…";
    }

    /** Asks again (once a second, for up to a minute) until the answer is the one expected. */
    private static Answer awaitAnswer(CheckedSupplier<Answer> request, Predicate<Answer> expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        Answer answer = request.get();
        while (!expected.test(answer) && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            answer = request.get();
        }
        return answer;
    }

    @FunctionalInterface
    private interface CheckedSupplier<T> {
        T get() throws Exception;
    }

    private static Answer send(String method, String path, String body, String authorization) throws Exception {
        HttpResponse<String> response =
                HTTP.send(request(method, path, body, authorization), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    private static HttpRequest request(String method, String path, String body, String authorization) {
        return ConformanceClient.request(suite.gatewayUrl(), method, path, body, authorization);
    }
}
