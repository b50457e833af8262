package dev.newsroom.gateway.compose;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** What the gateway asks user-service while it builds a response: profiles, ids, follows. */
@Component
public class Profiles {

    private final Downstream downstream;

    Profiles(Downstream downstream) {
        this.downstream = downstream;
    }

    /**
     * The profiles of {@code ids} as the viewer sees them, in one call for a whole page. When
     * user-service cannot answer, the result is empty and says it is incomplete, and the page is
     * still served.
     */
    public Mono<Found> byIds(Collection<String> ids, String viewerId) {
        if (ids.isEmpty()) {
            return Mono.just(new Found(Map.of(), true));
        }
        Map<String, Object> query = new java.util.HashMap<>();
        query.put("ids", List.copyOf(new LinkedHashSet<>(ids)));
        query.put("viewerId", viewerId);
        return downstream
                .exchange(HttpMethod.POST, "user", "/internal/profiles", null, query)
                .map(answer -> new Found(toMap(answer.path("profiles")), true))
                .onErrorResume(failure -> Mono.just(new Found(Map.of(), false)));
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

    private static Map<String, JsonNode> toMap(JsonNode profiles) {
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        profiles.properties().forEach(entry -> byId.put(entry.getKey(), entry.getValue()));
        return byId;
    }

    /**
     * Profiles by user id; {@code complete} is false when user-service could not be asked.
     */
    public record Found(Map<String, JsonNode> byId, boolean complete) {}
}
