package dev.newsroom.platform.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sent a request, as the verified token says: the immutable user id (the token's subject), the
 * username when the token was issued, and the roles.
 */
public record CurrentUser(String id, String username, Set<String> roles) {

    /** Moderates comments (approves and rejects held ones, deletes any) and grants the moderator role. */
    public static final String MODERATOR = "moderator";

    /**
     * Runs the desk: reviews, schedules and publishes anyone's story, withdraws published ones and
     * grants the editor role. There is no writer role: every signed-in user may write.
     */
    public static final String EDITOR = "editor";

    public static CurrentUser of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(NewsroomClaims.ROLES);
        return new CurrentUser(
                jwt.getSubject(),
                jwt.getClaimAsString(NewsroomClaims.USERNAME),
                roles == null ? Set.of() : Set.copyOf(roles));
    }

    public boolean isModerator() {
        return roles.contains(MODERATOR);
    }

    /** Whether the token grants the desk's powers over stories that are not the user's own. */
    public boolean isEditor() {
        return roles.contains(EDITOR);
    }
}
