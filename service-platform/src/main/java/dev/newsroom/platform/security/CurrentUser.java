package dev.newsroom.platform.security;

import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who sent a request, as the verified token says: the immutable user id (the token's subject), the
 * username when the token was issued, and the roles.
 */
public record CurrentUser(String id, String username, Set<String> roles) {

    public static final String MODERATOR = "moderator";

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
}
