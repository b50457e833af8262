package dev.newsroom.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Sends {@link DemoContent} through the gateway's public API, as a client would, so the demo data
 * travels the same path (and the same events) as anything a person writes. It takes the steps of a
 * {@link SeedPlan} wave by wave, a few side by side where their order does not matter, and records
 * each in the {@link SeedJournal}, so that a start stopped
 * while seeding is finished by the next one without writing anything twice. A step that fails is
 * reported and left for the next start; the suite is usable either way. Any 2xx answer is a success.
 */
final class DemoSeeder {

    /**
     * Requests in flight at once. The services answer one request on little more than one core, so
     * two to four at a time keep both cores busy; more only queue.
     */
    private static final int LANES = 4;

    /** What seeding did: how many steps it took, and the problems it left for the next start. */
    record Outcome(int written, List<String> problems) {}

    private final DemoApiClient api;
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    DemoSeeder(String gatewayUrl) {
        this.api = new DemoApiClient(gatewayUrl);
    }

    /** True when the demo moderator can sign in: data seeded by an earlier launcher is there. */
    boolean moderatorExists() {
        return api.token(DemoContent.MODERATOR) != null;
    }

    /**
     * Takes the plan's steps until done or {@code stopping}.
     *
     * @param progress told the number of steps taken so far
     */
    Outcome seed(SeedPlan plan, SeedJournal journal, BooleanSupplier stopping, IntConsumer progress) {
        results.putAll(plan.results());
        AtomicInteger written = new AtomicInteger();
        ExecutorService lanes = Executors.newFixedThreadPool(LANES, runnable -> {
            Thread thread = new Thread(runnable, "demo-content");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (List<List<SeedPlan.Step>> wave : plan.waves()) {
                List<Future<?>> running = new ArrayList<>();
                for (List<SeedPlan.Step> lane : wave) {
                    running.add(lanes.submit(() -> takeInTurn(lane, journal, stopping, progress, written)));
                }
                for (Future<?> lane : running) {
                    lane.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            lanes.shutdownNow();
        }
        if (problems.isEmpty() && !stopping.getAsBoolean()) {
            journal.complete();
        }
        return new Outcome(written.get(), List.copyOf(problems));
    }

    private void takeInTurn(
            List<SeedPlan.Step> lane,
            SeedJournal journal,
            BooleanSupplier stopping,
            IntConsumer progress,
            AtomicInteger written) {
        for (SeedPlan.Step step : lane) {
            if (stopping.getAsBoolean()) {
                return;
            }
            journal.begun(step.key());
            Result result = take(step);
            if (result.ok()) {
                journal.done(step.key(), result.value());
                if (result.value() != null) {
                    results.put(step.key(), result.value());
                }
            }
            progress.accept(written.incrementAndGet());
        }
    }

    /** Whether a step succeeded, and what the later steps need of it (a slug, an id). */
    private record Result(boolean ok, String value) {
        static final Result FAILED = new Result(false, null);
        static final Result OK = new Result(true, null);
    }

    private Result take(SeedPlan.Step step) {
        return switch (step.kind()) {
            case USER -> user((DemoContent.User) step.item());
            case BIO -> bio((DemoContent.User) step.item());
            case ARTICLE -> article((DemoContent.Article) step.item(), step.uncertain());
            case FOLLOW -> follow((DemoContent.Follow) step.item());
            case FAVOURITE -> favourite((DemoContent.Favourite) step.item());
            case COMMENT -> comment((DemoContent.Comment) step.item(), step.uncertain());
            case VIEW -> view((DemoContent.View) step.item());
            case DRAFT -> draft(((DemoContent.Draft) step.item()).story(), step.uncertain());
            case SUBMIT -> submit(((DemoContent.Draft) step.item()).story(), step.uncertain());
        };
    }

    private Result user(DemoContent.User user) {
        return api.signUp(user) ? Result.OK : failed("user " + user.username(), "could not sign up or in");
    }

    private Result bio(DemoContent.User user) {
        return ok(call(
                "PUT", "/api/user", Json.object(Map.of("user", Map.of("bio", user.bio()))), user.username(), "bio"));
    }

    private Result article(DemoContent.Article article, boolean uncertain) {
        if (uncertain) {
            String response = call(
                    "GET",
                    "/api/articles?limit=100&author=" + DemoApiClient.encode(article.author()),
                    null,
                    null,
                    "article look-up");
            String slug = titled(response, article.title(), "articles");
            if (slug != null) {
                return new Result(true, slug);
            }
        }
        return slugOf(call("POST", "/api/articles", article.json(null), article.author(), "article " + article.key()));
    }

    /** A story on the desk: seen by its author only, so an interrupted run looks for it on their desk. */
    private Result draft(DemoContent.Article story, boolean uncertain) {
        if (uncertain) {
            String desk = call("GET", "/api/desk?limit=100", null, story.author(), "desk look-up");
            String slug = titled(desk, story.title(), "desk", "drafts", "articles");
            slug = slug != null ? slug : titled(desk, story.title(), "desk", "inReview", "articles");
            if (slug != null) {
                return new Result(true, slug);
            }
        }
        return slugOf(call("POST", "/api/articles", story.json("draft"), story.author(), "draft " + story.key()));
    }

    private Result submit(DemoContent.Article story, boolean uncertain) {
        String slug = results.get("draft:" + story.key());
        if (slug == null) {
            return failed("submit " + story.key(), "its draft is missing");
        }
        if (uncertain) {
            String desk = call("GET", "/api/desk?limit=100", null, story.author(), "desk look-up");
            if (titled(desk, story.title(), "desk", "inReview", "articles") != null) {
                return Result.OK;
            }
        }
        return ok(call("POST", "/api/articles/" + slug + "/submit", "{}", story.author(), "submit " + story.key()));
    }

    /** The slug of the story titled {@code title} in the list at {@code path} of a JSON answer, or null. */
    private static String titled(String response, String title, Object... path) {
        Object list = response == null ? null : Json.at(DemoApiClient.parsed(response), path);
        if (list instanceof List<?> articles) {
            for (Object found : articles) {
                if (title.equals(Json.at(found, "title"))) {
                    return (String) Json.at(found, "slug");
                }
            }
        }
        return null;
    }

    private static Result slugOf(String response) {
        Object slug = response == null ? null : Json.at(DemoApiClient.parsed(response), "article", "slug");
        return slug instanceof String written ? new Result(true, written) : Result.FAILED;
    }

    private Result follow(DemoContent.Follow follow) {
        return ok(call(
                "POST",
                "/api/profiles/" + DemoApiClient.encode(follow.followed()) + "/follow",
                "{}",
                follow.follower(),
                "follow"));
    }

    private Result favourite(DemoContent.Favourite favourite) {
        String slug = results.get("article:" + favourite.article());
        if (slug == null) {
            return failed("favourite", "its article is missing");
        }
        return ok(call("POST", "/api/articles/" + slug + "/favorite", "{}", favourite.user(), "favourite"));
    }

    private Result comment(DemoContent.Comment comment, boolean uncertain) {
        String slug = results.get("article:" + comment.article());
        if (slug == null) {
            return failed("comment " + comment.key(), "its article is missing");
        }
        if (uncertain) {
            String id = existingComment(slug, comment);
            if (id != null) {
                return new Result(true, id);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("body", comment.body());
        String parent = comment.replyTo() == null ? null : results.get("comment:" + comment.replyTo());
        if (parent != null) {
            body.put("parentId", Long.parseLong(parent));
        }
        String response = call(
                "POST",
                "/api/articles/" + slug + "/comments",
                Json.object(Map.of("comment", body)),
                comment.author(),
                "comment " + comment.key());
        return idOf(response == null ? null : Json.at(DemoApiClient.parsed(response), "comment"));
    }

    /** The comment as its author sees the list: held comments too, which only they and moderators see. */
    private String existingComment(String slug, DemoContent.Comment comment) {
        String response =
                call("GET", "/api/articles/" + slug + "/comments?limit=100", null, comment.author(), "comment look-up");
        Object list = response == null ? null : Json.at(DemoApiClient.parsed(response), "comments");
        if (list instanceof List<?> comments) {
            for (Object found : comments) {
                if (comment.body().equals(Json.at(found, "body"))
                        && comment.author().equals(Json.at(found, "author", "username"))) {
                    return idOf(found).value();
                }
            }
        }
        return null;
    }

    private Result idOf(Object comment) {
        Object id = Json.at(comment, "id");
        return id instanceof Double number ? new Result(true, String.valueOf(number.longValue())) : Result.FAILED;
    }

    private Result view(DemoContent.View view) {
        String slug = results.get("article:" + view.article());
        if (slug == null) {
            return failed("view", "its article is missing");
        }
        return ok(call("GET", "/api/articles/" + slug, null, null, "view"));
    }

    private Result ok(String response) {
        return response != null ? Result.OK : Result.FAILED;
    }

    private Result failed(String what, String why) {
        problems.add(what + ": " + why);
        return Result.FAILED;
    }

    /** Sends a request as {@code user} (or anonymously); answers the body of a 2xx, or null after noting the problem. */
    private String call(String method, String path, String json, String user, String what) {
        String token = null;
        if (user != null) {
            token = api.token(user);
            if (token == null) {
                problems.add(what + " skipped: " + user + " could not sign in");
                return null;
            }
        }
        DemoApiClient.Reply reply = api.exchange(method, path, json, token);
        if (reply.body() == null) {
            problems.add(what + ": " + reply.failure());
        }
        return reply.body();
    }
}
