package dev.newsroom.comment.comment;

/**
 * Where a comment stands with moderation. Only published comments are shown to everyone and counted;
 * held and rejected ones are visible to their author and to moderators alone.
 */
public enum CommentStatus {
    /** Passed the checks, or approved by a moderator. */
    PUBLISHED,
    /** Waiting for a moderator: a check held it when it was posted or edited. */
    HELD,
    /** A moderator turned it down (held or published before). */
    REJECTED;

    /** As the API and the events spell it. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
