package dev.newsroom.platform.authors;

import dev.newsroom.platform.projection.Projection;
import dev.newsroom.platform.security.CurrentUser;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The authors' RealWorld profiles a service puts into its own answers, from its copy of {@code
 * newsroom.users.v1}, so that a read needs no call to user-service. A page of any size costs at most
 * two indexed queries, run side by side: the authors' profiles by {@code _id $in} (only those not
 * remembered from a moment ago, see {@link CachedUsers}), and the viewer's follow edges to those
 * authors by {@code _id $in} (none for an anonymous viewer; never remembered, so a reader's follow
 * shows on their next read). Usernames ({@link #idOf}) and the writer's own profile after a write
 * are read from the store every time.
 *
 * <p>The copy follows user-service through Kafka: a profile change shows here once its event is
 * applied (milliseconds), and an author it does not know (yet) is shown as {@link
 * AuthorProfile#UNKNOWN}, as the gateway showed an author user-service could not name.
 */
public final class AuthorProfiles {

    private static final Logger log = LoggerFactory.getLogger(AuthorProfiles.class);

    private final Projection<ProjectedUser> users;
    private final CachedUsers profiles;
    private final Projection<FollowEdge> follows;

    AuthorProfiles(UserProjections copies, CachedUsers profiles) {
        this.users = copies.users();
        this.profiles = profiles;
        this.follows = copies.follows();
    }

    /**
     * The profiles of {@code authorIds} as {@code viewerId} (null: anonymous) sees them, with an
     * entry for every id asked (blank ids left out).
     */
    public Mono<Map<String, AuthorProfile>> asSeenBy(Collection<String> authorIds, String viewerId) {
        Set<String> ids = authorIds.stream()
                .filter(id -> id != null && !id.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Mono.zip(profiles.byIds(ids), followedAmong(viewerId, ids)).map(found -> {
            Map<String, AuthorProfile> profiles = new LinkedHashMap<>();
            for (String id : ids) {
                ProjectedUser user = found.getT1().get(id);
                profiles.put(
                        id,
                        user == null
                                ? AuthorProfile.UNKNOWN
                                : AuthorProfile.of(user, found.getT2().contains(id)));
            }
            return profiles;
        });
    }

    /** The profile of {@code authorId} as {@code viewerId} (null: anonymous) sees it. */
    public Mono<AuthorProfile> asSeenBy(String authorId, String viewerId) {
        return asSeenBy(List.of(authorId), viewerId).map(found -> found.getOrDefault(authorId, AuthorProfile.UNKNOWN));
    }

    /**
     * The profile of {@code authorId} for the answer to a write by {@code writer} (a story they
     * wrote, or favourited). A client that has just registered and writes at once is a few
     * milliseconds ahead of its registration's event, so when the author is the writer and the copy
     * does not know them yet, they are looked for again, bounded by {@code
     * newsroom.authors.writer-lookup} (a Reactor timer, no thread blocked). When the wait runs out,
     * the writer's profile is made from their token (its username, no bio or image: what a new
     * account has); the write itself has succeeded either way. Another author is not waited for: a
     * writer who has just registered cannot have made them.
     */
    public Mono<AuthorProfile> afterWrite(String authorId, CurrentUser writer) {
        if (!authorId.equals(writer.id())) {
            return asSeenBy(authorId, writer.id());
        }
        Mono<Optional<ProjectedUser>> user =
                users.awaitId(authorId).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(user, followedAmong(writer.id(), Set.of(authorId)))
                .map(found -> found.getT1()
                        .map(known -> AuthorProfile.of(known, found.getT2().contains(authorId)))
                        .orElseGet(() -> fromToken(writer)));
    }

    /** The id of the user with {@code username} now, or empty when nobody has it. */
    public Mono<Optional<String>> idOf(String username) {
        return users.live(username).map(user -> Optional.of(user.id())).defaultIfEmpty(Optional.empty());
    }

    private Mono<Set<String>> followedAmong(String viewerId, Set<String> authorIds) {
        if (viewerId == null || viewerId.isBlank()) {
            return Mono.just(Set.of());
        }
        List<String> edges =
                authorIds.stream().map(id -> FollowEdge.idOf(viewerId, id)).toList();
        return follows.byIds(edges)
                .map(found -> found.values().stream()
                        .filter(FollowEdge::active)
                        .map(FollowEdge::followeeId)
                        .collect(Collectors.toSet()));
    }

    private static AuthorProfile fromToken(CurrentUser writer) {
        log.info(
                "The profile of {} has not reached the users projection in time; answering with the token's",
                writer.id());
        return new AuthorProfile(writer.username(), null, null, false);
    }
}
