package dev.newsroom.article.web;

import dev.newsroom.article.article.BreakingAlerts;
import dev.newsroom.article.messaging.AlertFeed;
import dev.newsroom.platform.security.CurrentUser;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Breaking-news alerts for every page: the current ones, and a stream of those raised and cleared,
 * both open to anonymous readers (a page shows the strip before anyone signs in); clearing one is an
 * editor's move ({@link BreakingAlerts}). Answers come from this instance's {@link AlertFeed}, which
 * reads every instance's alerts.
 */
@RestController
class AlertsController {

    /** Often enough that proxies and the gateway keep an idle stream open. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final AlertFeed feed;
    private final BreakingAlerts alerts;

    AlertsController(AlertFeed feed, BreakingAlerts alerts) {
        this.feed = feed;
        this.alerts = alerts;
    }

    /** {@code {"alerts":[…]}}: the alerts showing now, the newest first. */
    record Alerts(List<AlertFeed.Alert> alerts) {}

    @GetMapping("/api/alerts")
    Mono<Alerts> current() {
        return Mono.fromSupplier(() -> new Alerts(feed.current()));
    }

    /**
     * The alerts showing now as {@code alert-raised} events, then every alert raised or cleared from
     * here on ({@code alert-raised}, {@code alert-cleared}), plus a keep-alive comment at once and
     * every 15 s after. A page that opens the stream needs no separate read, and one that opens it
     * when nothing is happening still gets its status at once. An alert that expires sends nothing:
     * the client hides it at its {@code expiresAt}.
     */
    @GetMapping(value = "/api/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> stream() {
        Flux<ServerSentEvent<Object>> current =
                Flux.defer(() -> Flux.fromIterable(feed.current())).map(AlertsController::raised);
        Flux<ServerSentEvent<Object>> changes = feed.changes()
                .onBackpressureBuffer(256)
                .map(change -> change.raised() != null ? raised(change.raised()) : cleared(change.cleared()));
        Flux<ServerSentEvent<Object>> keepAlive = Flux.interval(Duration.ZERO, KEEP_ALIVE)
                .map(tick -> ServerSentEvent.builder().comment("keep-alive").build());
        return Flux.merge(Flux.concat(current, changes), keepAlive);
    }

    /** An editor takes a current alert down: 204; 403 for anyone else, 404 if none is showing. */
    @DeleteMapping("/api/alerts/{slug}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> clear(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        return alerts.clear(slug, CurrentUser.of(token)).then();
    }

    private static ServerSentEvent<Object> raised(AlertFeed.Alert alert) {
        return ServerSentEvent.<Object>builder()
                .event("alert-raised")
                .id(alert.slug())
                .data(alert)
                .build();
    }

    private static ServerSentEvent<Object> cleared(AlertFeed.Cleared cleared) {
        return ServerSentEvent.<Object>builder()
                .event("alert-cleared")
                .id(cleared.slug())
                .data(cleared)
                .build();
    }
}
