package dev.newsroom.trending.web;

import dev.newsroom.platform.web.Timestamps;
import dev.newsroom.trending.activity.ActivityRebuild;
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
 * end up as they were ({@link ActivityRebuild}).
 */
@RestController
class RebuildController {

    private final ActivityRebuild rebuild;

    RebuildController(ActivityRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/trending/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, Object>> rebuild() {
        return Mono.fromCallable(this::startRebuild).subscribeOn(Schedulers.boundedElastic());
    }

    private Map<String, Object> startRebuild() {
        long generation = rebuild.start();
        Instant requestedAt = Instant.now();
        return Map.of("rebuild", Map.of("generation", generation, "requestedAt", Timestamps.iso(requestedAt)));
    }
}
