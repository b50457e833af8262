package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.system.ScaleOutClient.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One fixed workload of writers, follows, stories, favourites, comment threads and anonymous views,
 * the same on every suite it runs on but for a run id that keeps its names apart from any other
 * run's: what it does and in what order depends on nothing else, so two suites that handle it right
 * end in the same state. Each step is one request, sent through whichever gateway the client's turn
 * gives (see {@link ScaleOutClient}).
 *
 * <p>Writers are {@code writer0..3}, stories {@code Scale story 0..7} (story <i>a</i> by writer
 * <i>a</i> mod 4), all under one tag of the run; the outcome ({@link ScaleOutOutcome}) is read back
 * in those terms, never in ids, slugs or the run's usernames.
 */
final class ScaleOutWorkload {

    static final int WRITERS = 4;
    static final int STORIES = 8;
    static final String PASSWORD = "correct-horse-battery";
    static final String QUESTION = "How much did the new ferry cost?";
    private static final Duration PROJECTION_PATIENCE = Duration.ofSeconds(30);

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final ScaleOutClient client;
    /** Tokens by writer index. */
    private final List<String> tokens = new ArrayList<>();
    /** Slugs by story index. */
    private final List<String> slugs = new ArrayList<>();

    ScaleOutWorkload(ScaleOutClient client) {
        this.client = client;
    }

    /** The tag every story of this run carries, so that listings and rankings see only this run. */
    String tag() {
        return "scale" + run;
    }

    static String title(int story) {
        return "Scale story " + story;
    }

    static String writer(int index) {
        return "writer" + index;
    }

    static int author(int story) {
        return story % WRITERS;
    }

    /** Whom writer {@code u} follows: the next writer, and the one after that for even writers. */
    static List<Integer> followed(int u) {
        return u % 2 == 0 ? List.of((u + 1) % WRITERS, (u + 2) % WRITERS) : List.of((u + 1) % WRITERS);
    }

    /** Whether writer {@code u} favourites story {@code a} (never their own). */
    static boolean favourites(int u, int a) {
        return u != author(a) && (u + 2 * a) % 3 != 0;
    }

    /** Whether writer {@code u} takes their favourite of story {@code a} back: the first favouriter of every fourth story. */
    static boolean unfavourites(int u, int a) {
        return a % 4 == 1 && favourites(u, a) && firstFavouriter(a) == u;
    }

    private static int firstFavouriter(int a) {
        for (int u = 0; u < WRITERS; u++) {
            if (favourites(u, a)) {
                return u;
            }
        }
        return -1;
    }

    /** Distinct anonymous readers of story {@code a} (each also reads it twice, which counts once). */
    static int viewers(int a) {
        return 1 + (a * 5) % 4;
    }

    /** What trending must count for each story, by title: {@code views=… comments=… favourites=…}. */
    static Map<String, String> expectedActivity() {
        Map<String, String> expected = new TreeMap<>();
        for (int a = 0; a < STORIES; a++) {
            int favourites = 0;
            for (int u = 0; u < WRITERS; u++) {
                favourites += favourites(u, a) && !unfavourites(u, a) ? 1 : 0;
            }
            expected.put(
                    title(a), ScaleOutOutcome.activity(viewers(a), comments(a).size(), favourites));
        }
        return expected;
    }

    /**
     * The comments on story {@code a} in the order they are posted: each is {writer, parent index in
     * this list or -1, body}. Bodies differ per story, as the repeat rule refuses the same text twice.
     */
    static List<String[]> comments(int a) {
        int first = (a + 1) % WRITERS;
        int second = (a + 2) % WRITERS;
        List<String[]> comments = new ArrayList<>();
        comments.add(
                new String[] {String.valueOf(first), "-1", "First thoughts on story " + a + " from " + writer(first)});
        comments.add(
                new String[] {String.valueOf(author(a)), "0", "Thanks, " + writer(first) + ", for reading story " + a});
        if (a % 2 == 0) {
            comments.add(
                    new String[] {String.valueOf(second), "-1", "Another view on story " + a + " from " + writer(second)
                    });
        }
        if (a % 3 == 0) {
            comments.add(
                    new String[] {String.valueOf(first), "1", "A follow-up on story " + a + " from " + writer(first)});
        }
        return comments;
    }

    static String body(int a) {
        if (a == 0) {
            return "The harbour ferry returned to service on Monday after a winter in the yard.\n\n"
                    + "The new ferry cost 12 million euros, paid by the port authority and the city.\n\n"
                    + "It carries two hundred passengers and forty bicycles on every crossing.";
        }
        return "Story " + a + " opens with the news of the day.\n\nStory " + a + " ends with what comes next.";
    }

    /** The points of the workload where a test may step in. */
    enum Phase {
        /** The stories are written; nothing has been read, favourited or commented yet. */
        STORIES,
        /** Favourites and comments are done; the anonymous views are next. */
        COMMENTS,
        /** Everything is done. */
        VIEWS
    }

    /** What a test does at a {@link Phase} of the workload, such as stopping an instance. */
    @FunctionalInterface
    interface Interlude {
        void after(Phase phase) throws Exception;
    }

    /** Runs every step, in order; fails at the first request that is not answered as it should be. */
    void run() throws Exception {
        run(phase -> {});
    }

    /** As {@link #run()}, calling {@code interlude} after each {@link Phase}. */
    void run(Interlude interlude) throws Exception {
        for (int u = 0; u < WRITERS; u++) {
            String name = writer(u) + "_" + run;
            Answer registered = client.post(
                    "/api/users",
                    "{\"user\":{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.org\",\"password\":\""
                            + PASSWORD + "\"}}",
                    null);
            if (registered.status() == 409) {
                // A registration answered 503 by a gateway that gave up waiting may still have been
                // saved; sent again it is taken. The name is this run's own, so the account is ours.
                registered = client.post(
                        "/api/users/login",
                        "{\"user\":{\"email\":\"" + name + "@example.org\",\"password\":\"" + PASSWORD + "\"}}",
                        null);
                assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            } else {
                assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            }
            tokens.add(registered.json().path("user").path("token").asString());
        }
        for (int u = 0; u < WRITERS; u++) {
            for (int v : followed(u)) {
                Answer follow = client.post("/api/profiles/" + writer(v) + "_" + run + "/follow", null, tokens.get(u));
                assertThat(follow.status()).as(follow.body()).isEqualTo(200);
            }
        }
        for (int a = 0; a < STORIES; a++) {
            var article = ScaleOutClient.JSON.createObjectNode();
            article.putObject("article")
                    .put("title", title(a))
                    .put("description", "About " + title(a))
                    .put("body", body(a))
                    .putArray("tagList")
                    .add(tag());
            Answer written = client.post("/api/articles", article.toString(), tokens.get(author(a)));
            assertThat(written.status()).as(written.body()).isEqualTo(201);
            slugs.add(written.json().path("article").path("slug").asString());
        }
        interlude.after(Phase.STORIES);
        read();
        favourite();
        comment();
        interlude.after(Phase.COMMENTS);
        view();
        interlude.after(Phase.VIEWS);
    }

    /**
     * Lists, threads and rankings read while the stories are new: they change nothing, and with an
     * instance gone a reader must still get an answer (at worst a 404 while a copy catches up).
     */
    private void read() throws Exception {
        for (int a = 0; a < STORIES; a++) {
            for (String path : List.of(
                    "/api/articles/" + slugs.get(a) + "/comments",
                    "/api/articles?limit=5&tag=" + tag(),
                    "/api/trending?ranking=popular&window=all&tag=" + tag())) {
                Answer read = client.get(path, tokens.get(a % WRITERS));
                assertThat(read.status()).as(path + ": " + read.body()).isLessThan(500);
            }
        }
    }

    private void favourite() throws Exception {
        for (int a = 0; a < STORIES; a++) {
            for (int u = 0; u < WRITERS; u++) {
                if (favourites(u, a)) {
                    Answer favourited = client.post("/api/articles/" + slugs.get(a) + "/favorite", null, tokens.get(u));
                    assertThat(favourited.status()).as(favourited.body()).isEqualTo(200);
                }
            }
        }
        for (int a = 0; a < STORIES; a++) {
            for (int u = 0; u < WRITERS; u++) {
                if (unfavourites(u, a)) {
                    Answer taken = client.delete("/api/articles/" + slugs.get(a) + "/favorite", tokens.get(u));
                    assertThat(taken.status()).as(taken.body()).isEqualTo(200);
                }
            }
        }
    }

    private void comment() throws Exception {
        for (int a = 0; a < STORIES; a++) {
            List<Long> ids = new ArrayList<>();
            for (String[] comment : comments(a)) {
                int parent = Integer.parseInt(comment[1]);
                var json = ScaleOutClient.JSON.createObjectNode();
                var fields = json.putObject("comment").put("body", comment[2]);
                if (parent >= 0) {
                    fields.put("parentId", ids.get(parent));
                }
                Answer posted = postComment(a, json.toString(), tokens.get(Integer.parseInt(comment[0])));
                assertThat(posted.status()).as(posted.body()).isEqualTo(201);
                ids.add(posted.json().path("comment").path("id").asLong());
            }
        }
    }

    /**
     * Posts a comment, asking again while comment-service answers 404: it knows a story only from
     * article-service's event, which may take longer than its own wait on a loaded machine. A 404
     * wrote nothing, so asking again cannot count twice.
     */
    private Answer postComment(int a, String json, String token) throws Exception {
        Instant deadline = Instant.now().plus(PROJECTION_PATIENCE);
        Answer posted = client.post("/api/articles/" + slugs.get(a) + "/comments", json, token);
        while (posted.status() == 404 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            posted = client.post("/api/articles/" + slugs.get(a) + "/comments", json, token);
        }
        return posted;
    }

    private void view() throws Exception {
        for (int a = 0; a < STORIES; a++) {
            for (int reader = 0; reader < viewers(a); reader++) {
                read(a, reader);
            }
            read(a, 0);
        }
    }

    private void read(int a, int reader) throws Exception {
        String browser = "Mozilla/5.0 (ScaleOut reader " + reader + ") Gecko/20100101 Firefox/133." + reader;
        Answer read = client.view("/api/articles/" + slugs.get(a), browser);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
    }

    /** What the run left, by story title, for {@link ScaleOutOutcome}: slugs and writers' tokens. */
    Map<String, String> slugsByTitle() {
        Map<String, String> byTitle = new LinkedHashMap<>();
        for (int a = 0; a < slugs.size(); a++) {
            byTitle.put(title(a), slugs.get(a));
        }
        return byTitle;
    }

    List<String> tokens() {
        return List.copyOf(tokens);
    }

    String runId() {
        return run;
    }

    ScaleOutClient client() {
        return client;
    }
}
