package dev.newsroom.trending.activity;

import org.springframework.stereotype.Service;
import reactor.core.scheduler.Schedulers;

/**
 * Starts a rebuild (an operator's action): a new generation, under which every document written
 * before counts as absent, so every instance drops its state and reads every input topic again
 * from the start (each notices the new generation within about a second). The old generation's
 * documents are removed in the background: nothing reads them any more, so there is no hurry.
 * Blocking: call it off the event loop.
 */
@Service
public class ActivityRebuild {

    private final ActivityRepository repository;

    ActivityRebuild(ActivityRepository repository) {
        this.repository = repository;
    }

    /** Starts a new generation and returns it. */
    public long start() {
        long generation = repository.nextGeneration();
        Schedulers.boundedElastic().schedule(() -> repository.dropOlderThan(generation));
        return generation;
    }
}
