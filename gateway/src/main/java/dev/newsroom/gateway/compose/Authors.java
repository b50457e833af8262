package dev.newsroom.gateway.compose;

import dev.newsroom.platform.security.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the {@code authorId} that comments carry in comment-service's live stream and moderation
 * answers into the RealWorld {@code author} profile, with {@code following} for the viewer: one
 * user-service call per response, however many items it has. An item that already has its {@code
 * author} (the services' own reads, from their copy of the profiles) is left as it is.
 */
@Component
public class Authors {

    /** Set on a response whose author profiles could not be fetched. */
    public static final String DEGRADED_HEADER = "X-Newsroom-Degraded";

    private final Profiles profiles;
    private final JsonMapper json;

    Authors(Profiles profiles, JsonMapper json) {
        this.profiles = profiles;
        this.json = json;
    }

    /** The items under {@code field} of {@code response} (or the one object there), with authors. */
    public Mono<Composed> compose(JsonNode response, String field, String viewerId) {
        JsonNode items = response.path(field);
        List<JsonNode> nodes = new ArrayList<>();
        if (items.isArray()) {
            items.forEach(nodes::add);
        } else if (items.isObject()) {
            nodes.add(items);
        }
        List<String> ids = nodes.stream()
                .map(node -> node.path("authorId").asString(""))
                .filter(id -> !id.isEmpty())
                .toList();
        // The answer was parsed for this response alone: its items are completed in place.
        return profiles.byIds(ids, viewerId).map(found -> {
            nodes.forEach(item -> withAuthor((ObjectNode) item, found));
            return new Composed(response, found.complete());
        });
    }

    /**
     * {@code answer} with authors added, as the response to the client; a response whose profiles
     * could not be fetched still comes back, marked with {@value #DEGRADED_HEADER}.
     */
    public Mono<ResponseEntity<JsonNode>> respond(JsonNode answer, String field, Jwt token, HttpStatus status) {
        String viewerId = token == null ? null : CurrentUser.of(token).id();
        return compose(answer, field, viewerId).map(composed -> {
            ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
            if (!composed.complete()) {
                response.header(DEGRADED_HEADER, "profiles");
            }
            return response.body(composed.body());
        });
    }

    private void withAuthor(ObjectNode item, Profiles.Found found) {
        if (item.has("author") && !item.has("authorId")) {
            return;
        }
        if (!item.has("authorId")) {
            // A deleted comment kept as a placeholder for its replies has no author to show.
            item.putNull("author");
            return;
        }
        String authorId = item.path("authorId").asString("");
        item.remove("authorId");
        JsonNode profile = found.byId().get(authorId);
        ObjectNode author = json.createObjectNode();
        if (profile == null) {
            // Unknown to user-service, or user-service unreachable: the item is still shown.
            author.putNull("username");
            author.putNull("bio");
            author.putNull("image");
            author.put("following", false);
        } else {
            author.set("username", profile.path("username"));
            author.set("bio", profile.path("bio"));
            author.set("image", profile.path("image"));
            author.put("following", profile.path("following").asBoolean(false));
        }
        item.set("author", author);
    }

    /** A composed response and whether every part of it could be fetched. */
    public record Composed(JsonNode body, boolean complete) {}
}
