package dev.newsroom.article.article;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A story's history for its author and the editors: every saved change of its content with the
 * body's diff against the revision before it, and an editor's restore of any of them (a new change,
 * so nothing is lost by restoring). A story the user may not see is 404; seeing it without being
 * its author or an editor is 403.
 */
@Service
public class Revisions {

    /** Lines of context around each change in a body diff. */
    static final int CONTEXT = 2;

    private final RevisionRepository revisions;
    private final ArticleReads reads;
    private final ArticleWriting writing;

    Revisions(RevisionRepository revisions, ArticleReads reads, ArticleWriting writing) {
        this.revisions = revisions;
        this.reads = reads;
        this.writing = writing;
    }

    /** A revision as listed: the revision and its body's unified diff against the one before. */
    public record Listed(Revision revision, String bodyDiff) {}

    /**
     * One page of the history, newest first, how many revisions there are, and the pending revision
     * (its body diffed against the live story), or null.
     */
    public record History(List<Listed> revisions, long total, Listed pending) {}

    public Mono<History> list(String slug, CurrentUser user, int offset, int limit) {
        return reads.bySlugFor(slug, user)
                .flatMap(article -> mayRead(user, article)
                        ? Mono.zip(
                                revisions.page(article.id(), offset, limit),
                                pendingOf(article).map(Optional::of).defaultIfEmpty(Optional.empty()))
                        : Mono.error(ApiException.forbidden("article")))
                .map(both -> {
                    RevisionRepository.Page page = both.getT1();
                    List<Revision> found = page.revisions();
                    List<Listed> listed = new ArrayList<>();
                    // The page holds one more than asked for (when there is one): the revision before
                    // its oldest, to diff against. Without one, the oldest is the story's first.
                    for (int i = 0; i < Math.min(limit, found.size()); i++) {
                        Revision before = i + 1 < found.size() ? found.get(i + 1) : null;
                        listed.add(new Listed(found.get(i), diff(before, found.get(i))));
                    }
                    return new History(listed, page.total(), both.getT2().orElse(null));
                });
    }

    /** An editor brings back revision {@code number} of the story as a new change. */
    public Mono<Article> restore(String slug, CurrentUser user, long number) {
        return reads.bySlugFor(slug, user).flatMap(article -> {
            if (!Desk.isEditor(user)) {
                return Mono.error(ApiException.forbidden("article"));
            }
            return revisions
                    .byNumber(article.id(), number)
                    .switchIfEmpty(Mono.error(ApiException.notFound("revision")))
                    .flatMap(revision -> writing.restore(slug, user, revision));
        });
    }

    /** The pending revision with its body diffed against the story as it is live. */
    private Mono<Listed> pendingOf(Article live) {
        Revision current =
                new Revision(null, live.id(), live.version(), null, null, null, null, null, null, live.body(), null);
        return revisions
                .byNumber(live.id(), Revision.PENDING)
                .map(pending -> new Listed(pending, diff(current, "live", pending, "pending")));
    }

    private static boolean mayRead(CurrentUser user, Article article) {
        return Desk.isEditor(user) || user != null && article.authorId().equals(user.id());
    }

    /** The unified diff of {@code after}'s body against {@code before}'s (empty before the first). */
    static String diff(Revision before, Revision after) {
        return diff(
                before,
                before == null ? "/dev/null" : "revision " + before.number(),
                after,
                "revision " + after.number());
    }

    /** As {@link #diff(Revision, Revision)}, with the two sides named as the reader should see them. */
    private static String diff(Revision before, String beforeName, Revision after, String afterName) {
        List<String> old = before == null ? List.of() : lines(before.body());
        List<String> now = lines(after.body());
        List<String> unified =
                UnifiedDiffUtils.generateUnifiedDiff(beforeName, afterName, old, DiffUtils.diff(old, now), CONTEXT);
        return String.join("\n", unified);
    }

    private static List<String> lines(String body) {
        return body == null || body.isEmpty() ? List.of() : List.of(body.split("\n", -1));
    }
}
