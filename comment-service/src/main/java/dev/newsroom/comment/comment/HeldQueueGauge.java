package dev.newsroom.comment.comment;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code newsroom.comment.held}: the comments waiting for a moderator, counted in the store every
 * {@code newsroom.comments.held-count-interval} (15 s), so that a scrape never waits for the store and
 * every instance reports the same queue. A count that fails keeps the last one.
 */
@Component
class HeldQueueGauge implements DisposableBean {

    private final AtomicLong held = new AtomicLong();
    private final Disposable counting;

    HeldQueueGauge(
            CommentRepository comments,
            MeterRegistry registry,
            @Value("${newsroom.comments.held-count-interval:15s}") Duration interval) {
        Gauge.builder("newsroom.comment.held", held, AtomicLong::get)
                .description("Comments held for a moderator")
                .register(registry);
        this.counting = Flux.interval(Duration.ZERO, interval)
                .concatMap(tick -> comments.heldCount().onErrorResume(failure -> Mono.empty()))
                .subscribe(held::set);
    }

    @Override
    public void destroy() {
        counting.dispose();
    }
}
