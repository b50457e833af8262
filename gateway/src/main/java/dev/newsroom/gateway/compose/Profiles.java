package dev.newsroom.gateway.compose;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What the gateway asks user-service while it builds the feed: whom the viewer follows right now. */
@Component
public class Profiles {

    private final Downstream downstream;

    Profiles(Downstream downstream) {
        this.downstream = downstream;
    }

    /** The ids of the users {@code viewerId} follows. */
    public Mono<List<String>> followedBy(String viewerId) {
        return downstream
                .get(
                        "user",
                        Target.of("/internal/users")
                                .segment(viewerId)
                                .then("/following")
                                .toString(),
                        null)
                .map(answer -> {
                    List<String> ids = new ArrayList<>();
                    answer.path("ids").forEach(id -> ids.add(id.asString()));
                    return ids;
                });
    }
}
