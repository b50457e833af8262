package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeder against a small fake of the gateway's API that remembers what was written. */
class DemoSeederTest {

    private final DemoContent demo = DemoContent.standard();
    private final FakeGateway gateway = new FakeGateway();
    private HttpServer server;

    @TempDir
    Path dataDir;

    @BeforeEach
    void startGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", gateway::handle);
        server.start();
    }

    @AfterEach
    void stopGateway() {
        server.stop(0);
    }

    private DemoSeeder seeder() {
        return new DemoSeeder("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private DemoSeeder.Outcome seed(SeedJournal journal, java.util.function.BooleanSupplier stopping) {
        return seeder().seed(SeedPlan.of(demo, journal.read(), false), journal, stopping, taken -> {});
    }

    @Test
    void writesEverythingOnceAcceptingAny2xxAndRecordsThatItIsComplete() {
        SeedJournal journal = new SeedJournal(dataDir);

        DemoSeeder.Outcome outcome = seed(journal, () -> false);

        assertThat(outcome.problems()).isEmpty();
        assertThat(gateway.published()).hasSize(demo.articles().size());
        assertThat(gateway.articles)
                .filteredOn(article -> !article.status().equals("published"))
                .extracting(Article::title, Article::status)
                .containsExactlyInAnyOrderElementsOf(demo.drafts().stream()
                        .map(draft -> org.assertj.core.groups.Tuple.tuple(
                                draft.story().title(), draft.submitted() ? "in_review" : "draft"))
                        .toList());
        assertThat(gateway.comments).hasSize(demo.comments().size());
        assertThat(gateway.views.get())
                .isEqualTo(
                        demo.views().stream().mapToInt(DemoContent.View::times).sum());
        assertThat(gateway.comments)
                .filteredOn(comment -> comment.body().startsWith("Same here"))
                .singleElement()
                .satisfies(reply -> assertThat(reply.parentId()).isNotNull());
        assertThat(journal.read()).last().extracting(SeedJournal.Entry::event).isEqualTo(SeedJournal.Event.COMPLETE);
    }

    @Test
    void aStartStoppedWhileSeedingIsFinishedByTheNextWithNothingWrittenTwice() {
        SeedJournal journal = new SeedJournal(dataDir);
        AtomicInteger requestsBeforeStop = new AtomicInteger(11);
        seed(journal, () -> gateway.requests.get() >= requestsBeforeStop.get());
        int articlesBefore = gateway.articles.size();
        assertThat(journal.read()).noneMatch(entry -> entry.event() == SeedJournal.Event.COMPLETE);

        DemoSeeder.Outcome second = seed(journal, () -> false);

        assertThat(articlesBefore).isBetween(1, demo.articles().size() - 1);
        assertThat(second.problems()).isEmpty();
        assertThat(gateway.articles)
                .extracting(Article::title)
                .doesNotHaveDuplicates()
                .hasSize(demo.articles().size() + demo.drafts().size());
        assertThat(gateway.comments)
                .extracting(Comment::body)
                .doesNotHaveDuplicates()
                .hasSize(demo.comments().size());
        assertThat(gateway.views.get())
                .isEqualTo(
                        demo.views().stream().mapToInt(DemoContent.View::times).sum());
    }

    @Test
    void aWriteThatReachedTheServiceButWasNotRecordedIsFoundInsteadOfWrittenAgain() {
        SeedJournal journal = new SeedJournal(dataDir);
        // The first start wrote the users and one article, and stopped before recording the article.
        seed(journal, () -> gateway.articles.size() == 1);
        List<SeedJournal.Entry> entries = new ArrayList<>(journal.read());
        String articleKey = "article:" + demo.articles().get(0).key();
        entries.removeIf(
                entry -> entry.event() == SeedJournal.Event.DONE && entry.key().equals(articleKey));
        assertThat(entries).contains(new SeedJournal.Entry(SeedJournal.Event.BEGUN, articleKey, null));

        SeedJournal resumed = journalOf(entries);
        DemoSeeder.Outcome outcome =
                seeder().seed(SeedPlan.of(demo, resumed.read(), false), resumed, () -> false, taken -> {});

        assertThat(outcome.problems()).isEmpty();
        assertThat(gateway.articles)
                .extracting(Article::title)
                .doesNotHaveDuplicates()
                .hasSize(demo.articles().size() + demo.drafts().size());
    }

    @Test
    void aDraftAndASubmissionThatWereNotRecordedAreFoundOnTheDeskInsteadOfWrittenAgain() {
        SeedJournal journal = new SeedJournal(dataDir);
        seed(journal, () -> false);
        List<SeedJournal.Entry> entries = new ArrayList<>(journal.read());
        // As if the last start stopped after sending the desk's writes and before recording them.
        entries.removeIf(entry -> entry.event() == SeedJournal.Event.COMPLETE
                || entry.event() == SeedJournal.Event.DONE
                        && (entry.key().startsWith("draft:") || entry.key().startsWith("submit:")));
        SeedJournal resumed = journalOf(entries);
        int requests = gateway.submissions.get();

        DemoSeeder.Outcome outcome =
                seeder().seed(SeedPlan.of(demo, resumed.read(), false), resumed, () -> false, taken -> {});

        assertThat(outcome.problems()).isEmpty();
        assertThat(gateway.articles).extracting(Article::title).doesNotHaveDuplicates();
        assertThat(gateway.submissions.get()).as("no second submission").isEqualTo(requests);
    }

    /** A new journal holding {@code entries}, as a start that stopped after writing them left it. */
    private SeedJournal journalOf(List<SeedJournal.Entry> entries) {
        SeedJournal journal = new SeedJournal(dataDir.resolve("copy"));
        journal.create();
        entries.forEach(entry -> {
            switch (entry.event()) {
                case BEGUN -> journal.begun(entry.key());
                case DONE -> journal.done(entry.key(), entry.result());
                case COMPLETE -> journal.complete();
            }
        });
        return journal;
    }

    record Article(String slug, String author, String title, String status) {}

    record Comment(long id, String slug, String author, String body, Long parentId) {}

    /** Just the part of the gateway's API the seeder uses; creations answer 201, the rest 200. */
    static final class FakeGateway {
        final Set<String> users = new HashSet<>();
        final List<Article> articles = new ArrayList<>();
        final List<Comment> comments = new ArrayList<>();
        final AtomicInteger views = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger submissions = new AtomicInteger();

        /** The stories a reader sees: published ones only. */
        synchronized List<Article> published() {
            return articles.stream()
                    .filter(article -> article.status().equals("published"))
                    .toList();
        }

        private List<Map<String, Object>> queue(String author, String status) {
            return articles.stream()
                    .filter(article ->
                            article.author().equals(author) && article.status().equals(status))
                    .map(article -> Map.<String, Object>of("slug", article.slug(), "title", article.title()))
                    .toList();
        }

        synchronized void handle(HttpExchange exchange) throws IOException {
            requests.incrementAndGet();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String user = auth == null ? null : auth.substring("Token t-".length());
            Object json = body.isEmpty() ? null : Json.parse(body);
            String[] parts = path.split("/");
            if (method.equals("POST") && path.equals("/api/users")) {
                String name = (String) Json.at(json, "user", "username");
                if (!users.add(name)) {
                    answer(exchange, 409, "{\"errors\":{\"username\":[\"has already been taken\"]}}");
                } else {
                    answer(exchange, 201, token(name));
                }
            } else if (method.equals("POST") && path.equals("/api/users/login")) {
                String email = (String) Json.at(json, "user", "email");
                String name = email.substring(0, email.indexOf('@'));
                answer(exchange, users.contains(name) ? 200 : 401, users.contains(name) ? token(name) : "{}");
            } else if (method.equals("POST") && path.equals("/api/articles")) {
                Object status = Json.at(json, "article", "status");
                Article article = new Article(
                        "s" + articles.size(),
                        user,
                        (String) Json.at(json, "article", "title"),
                        status == null ? "published" : (String) status);
                articles.add(article);
                answer(exchange, 201, "{\"article\":{\"slug\":\"" + article.slug() + "\"}}");
            } else if (method.equals("GET") && path.equals("/api/articles")) {
                String author = query.replaceAll(".*author=([^&]*).*", "$1");
                List<Map<String, Object>> found = published().stream()
                        .filter(article -> article.author().equals(author))
                        .map(article -> Map.<String, Object>of("slug", article.slug(), "title", article.title()))
                        .toList();
                answer(exchange, 200, Json.object(Map.of("articles", found)));
            } else if (method.equals("GET") && path.equals("/api/desk")) {
                Map<String, Object> desk = new LinkedHashMap<>();
                desk.put("drafts", Map.of("articles", queue(user, "draft")));
                desk.put("inReview", Map.of("articles", queue(user, "in_review")));
                answer(exchange, 200, Json.object(Map.of("desk", desk)));
            } else if (method.equals("POST") && parts.length == 5 && parts[4].equals("submit")) {
                submissions.incrementAndGet();
                int at = articles.indexOf(articles.stream()
                        .filter(article -> article.slug().equals(parts[3]))
                        .findFirst()
                        .orElseThrow());
                Article draft = articles.get(at);
                if (!draft.status().equals("draft")) {
                    answer(exchange, 409, "{\"errors\":{\"status\":[\"is " + draft.status() + "\"]}}");
                    return;
                }
                articles.set(at, new Article(draft.slug(), draft.author(), draft.title(), "in_review"));
                answer(exchange, 200, "{\"article\":{}}");
            } else if (method.equals("POST") && parts.length == 5 && parts[4].equals("comments")) {
                Object parent = Json.at(json, "comment", "parentId");
                Comment comment = new Comment(
                        comments.size() + 1L,
                        parts[3],
                        user,
                        (String) Json.at(json, "comment", "body"),
                        parent == null ? null : ((Double) parent).longValue());
                comments.add(comment);
                answer(exchange, 201, "{\"comment\":{\"id\":" + comment.id() + "}}");
            } else if (method.equals("GET") && parts.length == 5 && parts[4].equals("comments")) {
                List<Map<String, Object>> found = comments.stream()
                        .filter(comment -> comment.slug().equals(parts[3]))
                        .map(comment -> {
                            Map<String, Object> fields = new LinkedHashMap<>();
                            fields.put("id", comment.id());
                            fields.put("body", comment.body());
                            fields.put("author", Map.of("username", comment.author()));
                            return fields;
                        })
                        .toList();
                answer(exchange, 200, Json.object(Map.of("comments", found)));
            } else if (method.equals("GET") && parts.length == 4 && parts[2].equals("articles")) {
                views.incrementAndGet();
                answer(exchange, 200, "{\"article\":{}}");
            } else {
                // PUT /api/user, follows and favourites: nothing the tests count.
                answer(exchange, 200, "{}");
            }
        }

        private static String token(String name) {
            return "{\"user\":{\"token\":\"t-" + name + "\"}}";
        }

        private static void answer(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}
