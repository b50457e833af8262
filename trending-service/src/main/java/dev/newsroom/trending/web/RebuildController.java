package dev.newsroom.trending.web;

import dev.newsroom.platform.web.Timestamps;
import dev.newsroom.trending.ingest.ActivityStore;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The operator's rebuild (moderators only, see {@link TrendingAccessRules}): starts a new
 * generation, so every instance drops its state and reads every input topic again from the start
 * (each notices within about a second); the rankings fill up again as the topics are re-read and
 * end up as they were. Documents of the old generation are removed in the background.
 */
@RestController
class RebuildController {

    private final ActivityStore store;

    RebuildController(ActivityStore store) {
        this.store = store;
    }

    @PostMapping("/api/trending/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, Object>> rebuild() {
        return Mono.fromCallable(this::startRebuild).subscribeOn(Schedulers.boundedElastic());
    }

    private Map<String, Object> startRebuild() {
        long generation = store.nextGeneration();
        Instant requestedAt = Instant.now();
        Schedulers.boundedElastic().schedule(() -> store.dropOlderThan(generation));
        return Map.of("rebuild", Map.of("generation", generation, "requestedAt", Timestamps.iso(requestedAt)));
    }
}
