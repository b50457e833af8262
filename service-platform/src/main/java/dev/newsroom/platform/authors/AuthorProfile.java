package dev.newsroom.platform.authors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RealWorld's {@code author} profile as one viewer sees it: every field always present (null when
 * unknown), as RealWorld clients read it.
 *
 * @param following whether the viewer follows this author; false for an anonymous viewer
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AuthorProfile(String username, String bio, String image, boolean following) {

    /** An author the users projection does not know (yet): shown, with nothing to show. */
    public static final AuthorProfile UNKNOWN = new AuthorProfile(null, null, null, false);

    static AuthorProfile of(ProjectedUser user, boolean following) {
        return new AuthorProfile(user.username(), user.bio(), user.image(), following);
    }
}
