package dev.newsroom.article.article;

import java.util.Locale;
import java.util.Set;

/**
 * Where a story is in the desk's workflow: {@code draft} → {@code in_review} → {@code scheduled} →
 * {@code published}, and {@code published} → {@code withdrawn}. Only a published story is public:
 * every list, tag count and event that other systems read leaves the others out, and a read by slug
 * finds them for their author and the editors only.
 */
public enum Status {
    DRAFT,
    IN_REVIEW,
    SCHEDULED,
    PUBLISHED,
    WITHDRAWN;

    /** The states a story can be published from (by an editor, or when its time comes). */
    static final Set<Status> PUBLISHABLE = Set.of(DRAFT, IN_REVIEW, SCHEDULED);

    /** The states a story can be scheduled from (scheduling again moves the time). */
    static final Set<Status> SCHEDULABLE = Set.of(DRAFT, IN_REVIEW, SCHEDULED);

    /** As the API names it: {@code draft}, {@code in_review}, … */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether consumers of the article events know the story (it was published at some point). */
    boolean announced() {
        return this == PUBLISHED || this == WITHDRAWN;
    }
}
