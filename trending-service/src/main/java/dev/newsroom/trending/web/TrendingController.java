package dev.newsroom.trending.web;

import dev.newsroom.platform.web.ApiException;
import dev.newsroom.trending.TrendingServiceProperties;
import dev.newsroom.trending.messaging.TrendingFeed;
import dev.newsroom.trending.ranking.RankingBoard;
import dev.newsroom.trending.ranking.RankingName;
import dev.newsroom.trending.ranking.RankingSnapshot;
import dev.newsroom.trending.ranking.Window;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The rankings, as a snapshot and as a stream of changes. Open to everyone. */
@RestController
class TrendingController {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int MAX_TAG_LENGTH = 100;

    private final RankingBoard board;
    private final TrendingFeed feed;
    private final TrendingServiceProperties properties;

    TrendingController(RankingBoard board, TrendingFeed feed, TrendingServiceProperties properties) {
        this.board = board;
        this.feed = feed;
        this.properties = properties;
    }

    @GetMapping("/api/trending")
    Mono<RankingSnapshot> trending(
            @RequestParam(defaultValue = RankingName.POPULAR) String ranking,
            @RequestParam(defaultValue = "7d") String window,
            @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "10") String limit) {
        if (!RankingName.POPULAR.equals(ranking) && !RankingName.HOT.equals(ranking)) {
            throw ApiException.invalid("ranking", "must be one of popular, hot");
        }
        Window parsedWindow = Window.parse(window)
                .orElseThrow(() -> ApiException.invalid("window", "must be one of 24h, 7d, 30d, all"));
        int parsedLimit = limit(limit);
        String wantedTag = tag == null || tag.isBlank() ? null : tag.strip();
        if (wantedTag != null && wantedTag.length() > MAX_TAG_LENGTH) {
            throw ApiException.invalid("tag", "is too long (maximum is " + MAX_TAG_LENGTH + " characters)");
        }
        String name = RankingName.of(ranking, parsedWindow, wantedTag);
        return Mono.just(RankingSnapshot.of(name, board.current(), parsedLimit));
    }

    /**
     * Every change of the overall rankings (or of the rankings named in {@code ranking}, comma
     * separated, tag rankings included), starting with their current state, plus a keep-alive
     * comment at once and every 15 s after, so proxies keep the connection open.
     */
    @GetMapping(value = "/api/trending/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(@RequestParam(required = false) String ranking) {
        Predicate<String> wanted = wanted(ranking);
        Flux<ServerSentEvent<String>> current = Flux.fromIterable(feed.latest().entrySet())
                .filter(entry -> wanted.test(entry.getKey()))
                .map(entry -> changed(entry.getKey(), entry.getValue()));
        Flux<ServerSentEvent<String>> changes = feed.changes()
                .filter(change -> wanted.test(change.name()))
                .onBackpressureLatest()
                .map(change -> changed(change.name(), change.json()));
        // The first keep-alive goes out at once: a stream with nothing to send yet (a ranking nobody
        // named, or one that has not changed) would otherwise answer nothing, not even its status,
        // for 15 s, and a client could not tell it from a server that hangs.
        Flux<ServerSentEvent<String>> keepAlive = Flux.interval(Duration.ZERO, KEEP_ALIVE)
                .map(tick ->
                        ServerSentEvent.<String>builder().comment("keep-alive").build());
        return Flux.merge(Flux.concat(current, changes), keepAlive);
    }

    private static ServerSentEvent<String> changed(String name, String json) {
        return ServerSentEvent.<String>builder()
                .event("trending-changed")
                .id(name)
                .data(json)
                .build();
    }

    private static Predicate<String> wanted(String ranking) {
        if (ranking == null || ranking.isBlank()) {
            return name -> RankingName.tagOf(name) == null;
        }
        Set<String> names = Arrays.stream(ranking.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        return names::contains;
    }

    private int limit(String limit) {
        int max = properties.depth();
        try {
            int parsed = Integer.parseInt(limit.strip());
            if (parsed >= 1 && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiException.invalid("limit", "must be between 1 and " + max);
    }
}
