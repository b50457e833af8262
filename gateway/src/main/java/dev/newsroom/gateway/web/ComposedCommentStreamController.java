package dev.newsroom.gateway.web;

import dev.newsroom.gateway.compose.Authors;
import dev.newsroom.gateway.compose.Downstream;
import dev.newsroom.gateway.compose.Target;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An article's live comments: comment-service's Server-Sent Events, each passed on as soon as it
 * arrives, with the commenter's profile in place of the id as in every other comment response.
 * Keep-alive comments pass through untouched.
 */
@RestController
class ComposedCommentStreamController {

    private final Downstream downstream;
    private final Authors authors;
    private final JsonMapper json;

    ComposedCommentStreamController(Downstream downstream, Authors authors, JsonMapper json) {
        this.downstream = downstream;
        this.authors = authors;
        this.json = json;
    }

    @GetMapping(path = "/api/articles/{slug}/comments/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<?>> stream(@PathVariable String slug) {
        return downstream.stream(
                        "comment", Target.article(slug).then("/comments/stream").toString())
                .concatMap(this::withAuthor);
    }

    private Mono<ServerSentEvent<?>> withAuthor(ServerSentEvent<String> event) {
        if (event.data() == null) {
            return Mono.just(ServerSentEvent.builder()
                    .comment(event.comment() == null ? "" : event.comment())
                    .build());
        }
        JsonNode data;
        try {
            data = json.readTree(event.data());
        } catch (JacksonException notJson) {
            return Mono.empty();
        }
        return authors.compose(data, "comment", null)
                .map(composed -> ServerSentEvent.builder(composed.body())
                        .event(event.event())
                        .id(event.id())
                        .build());
    }
}
