package dev.newsroom.system;

import dev.newsroom.system.EventStreamSubscriber.Event;
import dev.newsroom.system.ScaleOutClient.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What a {@link ScaleOutWorkload} left, read back through the suite's gateways and written in the
 * workload's own terms (story titles, {@code writer0..3}), so that two suites' outcomes compare with
 * {@code equals}: no ids, slugs, timestamps or run suffixes, which differ between runs by design.
 *
 * @param favourites each story's {@code favoritesCount}
 * @param comments each story's comments in thread order, as {@code writer: body}, replies indented
 *     by their depth
 * @param duplicateCommentIds comment ids that appear more than once across the run's stories
 *     (ids are unique across instances, so none)
 * @param feeds each writer's feed, story titles newest first
 * @param trending the run's tag ranking ({@code popular}, {@code all}) once its counts settled, in
 *     rank order, with the counts behind each place
 * @param streamedTrending the titles, in order, of the last ranking the trending stream sent
 * @param answers the distinct answers to {@link ScaleOutWorkload#QUESTION} about story 0, asked once
 *     per gateway and instance
 */
record ScaleOutOutcome(
        Map<String, Long> favourites,
        Map<String, List<String>> comments,
        List<Long> duplicateCommentIds,
        Map<String, List<String>> feeds,
        List<String> trending,
        List<String> streamedTrending,
        Set<String> answers) {

    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(90);
    private static final Duration ANSWER_PATIENCE = Duration.ofSeconds(30);

    static String activity(long views, long comments, long favourites) {
        return "views=" + views + " comments=" + comments + " favourites=" + favourites;
    }

    /** The path of the run's tag ranking on the trending stream. */
    static String trendingStreamPath(ScaleOutWorkload workload) {
        return "/api/trending/stream?ranking=popular:all:tag:" + workload.tag();
    }

    static ScaleOutOutcome read(ScaleOutWorkload workload, EventStreamSubscriber trendingStream) throws Exception {
        ScaleOutClient client = workload.client();
        Map<String, String> slugs = workload.slugsByTitle();
        Map<String, Long> favourites = new TreeMap<>();
        Answer listed = client.get("/api/articles?limit=50&tag=" + workload.tag(), null);
        listed.json()
                .path("articles")
                .forEach(article -> favourites.put(
                        article.path("title").asString(),
                        article.path("favoritesCount").asLong()));

        Map<String, List<String>> comments = new TreeMap<>();
        List<Long> ids = new ArrayList<>();
        for (var story : slugs.entrySet()) {
            Answer thread = client.get("/api/articles/" + story.getValue() + "/comments?limit=100", null);
            comments.put(story.getKey(), thread(thread.json().path("comments"), workload, ids));
        }
        Set<Long> seen = new HashSet<>();
        List<Long> duplicates = ids.stream().filter(id -> !seen.add(id)).toList();

        Map<String, List<String>> feeds = new TreeMap<>();
        for (int u = 0; u < ScaleOutWorkload.WRITERS; u++) {
            Answer feed =
                    client.get("/api/articles/feed?limit=50", workload.tokens().get(u));
            feeds.put(ScaleOutWorkload.writer(u), titles(feed.json().path("articles")));
        }

        List<String> trending = settledRanking(workload);
        List<String> streamed = streamedRanking(trendingStream, trending);
        return new ScaleOutOutcome(
                favourites, comments, duplicates, feeds, trending, streamed, answers(workload, slugs));
    }

    /** The comments of one story in the order listed, each as {@code writer: body}, indented by depth. */
    private static List<String> thread(JsonNode listed, ScaleOutWorkload workload, List<Long> ids) {
        Map<Long, Integer> depths = new HashMap<>();
        List<String> lines = new ArrayList<>();
        for (JsonNode comment : listed) {
            long id = comment.path("id").asLong();
            ids.add(id);
            JsonNode parent = comment.path("parentId");
            int depth = parent.isIntegralNumber() ? depths.getOrDefault(parent.asLong(), -1) + 1 : 0;
            depths.put(id, depth);
            String author = comment.path("author").path("username").asString().replace("_" + workload.runId(), "");
            lines.add("  ".repeat(depth) + author + ": " + comment.path("body").asString());
        }
        return lines;
    }

    /**
     * The run's tag ranking once trending has counted everything the workload did, or as it stands
     * when the patience runs out (and then the comparison shows what is missing). Trending counts
     * asynchronously, from Kafka, so the ranking is asked again until it holds the expected counts.
     */
    private static List<String> settledRanking(ScaleOutWorkload workload) throws Exception {
        Map<String, String> expected = ScaleOutWorkload.expectedActivity();
        Instant deadline = Instant.now().plus(SETTLE_PATIENCE);
        List<String> ranking = List.of();
        while (Instant.now().isBefore(deadline)) {
            Answer answer = workload.client()
                    .get("/api/trending?ranking=popular&window=all&limit=50&tag=" + workload.tag(), null);
            Map<String, String> counted = new TreeMap<>();
            ranking = new ArrayList<>();
            for (JsonNode entry : answer.json().path("articles")) {
                String counts = activity(
                        entry.path("views").asLong(),
                        entry.path("comments").asLong(),
                        entry.path("favorites").asLong());
                counted.put(entry.path("title").asString(), counts);
                ranking.add(entry.path("title").asString() + ": " + counts);
            }
            if (counted.equals(expected)) {
                return ranking;
            }
            Thread.sleep(500);
        }
        return ranking;
    }

    /**
     * The titles of the last ranking the stream sent, once it is the settled one (the publisher sends
     * a change within a second or so), or whatever it last sent when the patience runs out.
     */
    private static List<String> streamedRanking(EventStreamSubscriber stream, List<String> settled)
            throws InterruptedException {
        List<String> titles = settled.stream()
                .map(line -> line.substring(0, line.indexOf(": ")))
                .toList();
        stream.await(events -> titles.equals(lastRanking(events)), Duration.ofSeconds(30));
        return lastRanking(stream.events());
    }

    private static List<String> lastRanking(List<Event> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).name().equals("trending-changed")) {
                return titles(ScaleOutClient.JSON.readTree(events.get(i).data()).path("articles"));
            }
        }
        return List.of();
    }

    /**
     * Asks about story 0 once for each gateway and each instance behind it (each gateway takes its
     * instances in turn); assistant-service knows the story only from Kafka, so a 404 is asked again.
     */
    private static Set<String> answers(ScaleOutWorkload workload, Map<String, String> slugs) throws Exception {
        String path = "/api/articles/" + slugs.get(ScaleOutWorkload.title(0)) + "/ask";
        String question = "{\"question\":\"" + ScaleOutWorkload.QUESTION + "\"}";
        Set<String> answers = new TreeSet<>();
        for (int ask = 0; ask < 2 * workload.client().gatewayCount(); ask++) {
            Instant deadline = Instant.now().plus(ANSWER_PATIENCE);
            Answer answer = workload.client().post(path, question, null);
            while (answer.status() == 404 && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                answer = workload.client().post(path, question, null);
            }
            answers.add(
                    answer.status() == 200
                            ? normalised(answer.json().path("answer"))
                            : answer.status() + " " + answer.body());
        }
        return answers;
    }

    /** An answer without its scores, which depend on what else the suite's store holds. */
    private static String normalised(JsonNode answer) {
        StringBuilder text = new StringBuilder()
                .append(answer.path("answered").asBoolean())
                .append(' ')
                .append(answer.path("answerer").asString())
                .append(": ")
                .append(answer.path("text").asString());
        for (JsonNode passage : answer.path("passages")) {
            text.append(String.format(
                    " [%d %d-%d %s]",
                    passage.path("index").asInt(),
                    passage.path("start").asInt(),
                    passage.path("end").asInt(),
                    passage.path("text").asString()));
        }
        return text.toString();
    }

    private static List<String> titles(JsonNode articles) {
        List<String> titles = new ArrayList<>();
        articles.forEach(article -> titles.add(article.path("title").asString()));
        return titles;
    }
}
