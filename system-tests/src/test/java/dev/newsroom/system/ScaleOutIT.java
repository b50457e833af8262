package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsroom.system.EventStreamSubscriber.Event;
import dev.newsroom.system.ScaleOutClient.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale-out, proven by comparison: one fixed workload ({@link ScaleOutWorkload}) runs on the shared
 * one-instance suite and, through both gateways in turn, on a suite of its own with two instances of
 * every service ({@code --instances 2}); what each left ({@link ScaleOutOutcome}: favourite counts,
 * comment threads and ids, feeds, trending's exact counts and its stream, the assistant's answers)
 * must be the same. Anything a second instance gets wrong (an event applied twice or not at all, an
 * id handed out twice, a state only one instance holds) shows as a difference. On the two-instance
 * suite the second instance of every consumer is killed with SIGKILL once the stories are written
 * and started again before the views: no event may be lost or counted twice across the rebalances,
 * no read may fail, and every write refused meanwhile must be a 503 in the RealWorld shape (the
 * client sends it again). Then live comments posted through one gateway must reach subscribers of
 * the other, each exactly once.
 *
 * <p>The two-instance suite is started once (16 processes, about two minutes on two cores) and only
 * here; the shared suite is left as found, with the run's own users and tag.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Path DATA_DIR = RunningSuite.home().resolve("system-tests/target/scale-out-data");
    private static final int LIVE_COMMENTS = 6;

    /** One instance of every service that consumes events: killed mid-workload and started again. */
    private static final List<String> KILLED =
            List.of("article-service-2", "comment-service-2", "trending-service-2", "assistant-service-2");
    /** Four JVMs starting at once on two cores, beside the suite's sixteen. */
    private static final Duration RESTART_PATIENCE = Duration.ofMinutes(4);

    private static ScaleOutOutcome reference;
    private static InstanceRestarts restarts;
    private static RunningSuite scaled;

    @AfterAll
    static void stopTheScaledSuite() throws InterruptedException {
        if (restarts != null) {
            restarts.close();
        }
        if (scaled != null) {
            scaled.close();
        }
    }

    @Test
    @Order(1)
    void theWorkloadOnOneInstanceLeavesWhatItDid() throws Exception {
        ScaleOutClient client = new ScaleOutClient(List.of(PublicApiSuite.get().gatewayUrl()));

        reference = runAndRead(client, phase -> {});

        assertThat(client.failedReads())
                .as("reads answered with a server error")
                .isEmpty();
        assertThat(reference.favourites()).hasSize(ScaleOutWorkload.STORIES);
        assertThat(reference.duplicateCommentIds()).isEmpty();
        Map<String, String> expected = ScaleOutWorkload.expectedActivity();
        assertThat(reference.trending())
                .as("trending's counts per story")
                .hasSize(expected.size())
                .allSatisfy(line -> assertThat(expected.get(line.substring(0, line.indexOf(": "))))
                        .isEqualTo(line.substring(line.indexOf(": ") + 2)));
        assertThat(reference.streamedTrending()).hasSize(ScaleOutWorkload.STORIES);
        assertThat(reference.answers())
                .singleElement()
                .asString()
                .startsWith("true ")
                .contains("12 million euros");
    }

    @Test
    @Order(2)
    void theSameWorkloadThroughBothGatewaysOnTwoInstancesOfEverythingLeavesTheSameThoughEveryConsumerLosesAnInstance()
            throws Exception {
        assumeTrue(reference != null, "the one-instance outcome to compare with");
        ScaleOutClient client = new ScaleOutClient(List.of(scaled().gatewayUrl(1), scaled().gatewayUrl(2)));
        restarts = new InstanceRestarts(scaled(), DATA_DIR.resolve("logs"));

        ScaleOutOutcome outcome = runAndRead(client, phase -> {
            switch (phase) {
                case STORIES -> restarts.kill(KILLED);
                case COMMENTS -> restarts.startAgain();
                case VIEWS -> restarts.awaitReady(RESTART_PATIENCE);
            }
        });

        assertThat(outcome).isEqualTo(reference);
        assertThat(client.failedReads())
                .as("reads answered with a server error")
                .isEmpty();
        assertThat(client.unavailableWrites())
                .as("writes refused while an instance was down")
                .allSatisfy(write -> assertThat(write).endsWith("-> {\"errors\":{\"service\":[\"unavailable\"]}}"));
        System.out.printf(
                "ScaleOutIT: with %s killed and started again, %d writes were answered 503 and sent again%n",
                KILLED, client.unavailableWrites().size());
    }

    @Test
    @Order(3)
    void commentsPostedThroughOneGatewayReachEverySubscriberOfTheOtherExactlyOnce() throws Exception {
        ScaleOutClient both = new ScaleOutClient(List.of(scaled().gatewayUrl(1), scaled().gatewayUrl(2)));
        ScaleOutClient first = new ScaleOutClient(List.of(scaled().gatewayUrl(1)));
        String name = "live_" + System.nanoTime() % 1_000_000;
        Answer registered = both.post(
                "/api/users",
                "{\"user\":{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.org\",\"password\":\""
                        + ScaleOutWorkload.PASSWORD + "\"}}",
                null);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String token = registered.json().path("user").path("token").asString();
        Answer article = both.post(
                "/api/articles",
                "{\"article\":{\"title\":\"Live story\",\"description\":\"Live\",\"body\":\"Comments below.\"}}",
                token);
        assertThat(article.status()).as(article.body()).isEqualTo(201);
        String slug = article.json().path("article").path("slug").asString();
        awaitStatus(both, "/api/articles/" + slug + "/comments", 200);

        // Two subscribers at the second gateway, which takes comment-service's instances in turn.
        String stream = scaled().gatewayUrl(2) + "/api/articles/" + slug + "/comments/stream";
        try (EventStreamSubscriber one = EventStreamSubscriber.open(stream);
                EventStreamSubscriber other = EventStreamSubscriber.open(stream)) {
            awaitStreamsListening(first, slug, token, List.of(one, other));
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < LIVE_COMMENTS; i++) {
                String body = "Live comment " + i + " of " + name;
                Answer posted = first.post(
                        "/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"" + body + "\"}}", token);
                assertThat(posted.status()).as(posted.body()).isEqualTo(201);
                bodies.add(body);
            }

            for (EventStreamSubscriber subscriber : List.of(one, other)) {
                subscriber.await(
                        events -> bodies.stream().allMatch(body -> posted(events, body) >= 1), Duration.ofSeconds(30));
            }
            // A second delivery would come right behind the first: both subscribers get the same 2 s
            // for it, from the moment both had every comment, rather than one after the other.
            Instant secondDeliveries = Instant.now().plusSeconds(2);
            for (EventStreamSubscriber subscriber : List.of(one, other)) {
                subscriber.await(
                        events -> bodies.stream().anyMatch(body -> posted(events, body) > 1),
                        Duration.between(Instant.now(), secondDeliveries));
                assertThat(bodies)
                        .as("each comment's deliveries to one subscriber: %s", subscriber.events())
                        .allSatisfy(body -> assertThat(posted(subscriber.events(), body))
                                .as(body)
                                .isEqualTo(1));
            }
        }
    }

    private static ScaleOutOutcome runAndRead(ScaleOutClient client, ScaleOutWorkload.Interlude interlude)
            throws Exception {
        ScaleOutWorkload workload = new ScaleOutWorkload(client);
        // Subscribed at the last gateway before anything is written, as a reader with the page open would be.
        String gateway = client.gateway(client.gatewayCount() - 1);
        try (EventStreamSubscriber trending =
                EventStreamSubscriber.open(gateway + ScaleOutOutcome.trendingStreamPath(workload))) {
            workload.run(interlude);
            return ScaleOutOutcome.read(workload, trending);
        }
    }

    private static synchronized RunningSuite scaled() {
        if (scaled == null) {
            scaled = RunningSuite.start(
                    RunningSuite.freePorts(2),
                    DATA_DIR,
                    "--instances",
                    "2",
                    "--fresh",
                    "--no-seed",
                    "--start-timeout",
                    "600");
            scaled.awaitReady(Duration.ofMinutes(11));
        }
        return scaled;
    }

    /**
     * Posts warm-up comments through the first gateway until every subscriber has received one: a
     * subscription is answered before the instance behind it is necessarily reading its article's
     * changes.
     */
    private static void awaitStreamsListening(
            ScaleOutClient client, String slug, String token, List<EventStreamSubscriber> subscribers)
            throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            String body = "Warm-up " + attempt;
            Answer posted = client.post(
                    "/api/articles/" + slug + "/comments", "{\"comment\":{\"body\":\"" + body + "\"}}", token);
            assertThat(posted.status()).as(posted.body()).isEqualTo(201);
            boolean heard = true;
            for (EventStreamSubscriber subscriber : subscribers) {
                heard &= subscriber.await(events -> posted(events, body) > 0, Duration.ofSeconds(10));
            }
            if (heard) {
                return;
            }
        }
        throw new AssertionError("no warm-up comment reached every subscriber");
    }

    private static long posted(List<Event> events, String body) {
        Predicate<Event> isIt =
                event -> event.name().equals("comment-posted") && bodyOf(event).equals(body);
        return events.stream().filter(isIt).count();
    }

    /** The comment's body, whether the event's data is the comment or wraps it as RealWorld answers do. */
    private static String bodyOf(Event event) {
        var data = ScaleOutClient.JSON.readTree(event.data());
        return data.has("comment")
                ? data.path("comment").path("body").asString()
                : data.path("body").asString();
    }

    private static void awaitStatus(ScaleOutClient client, String path, int status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Answer answer = client.get(path, null);
        while (answer.status() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            answer = client.get(path, null);
        }
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(status);
    }
}
