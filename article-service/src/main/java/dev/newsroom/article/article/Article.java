package dev.newsroom.article.article;

import dev.newsroom.platform.outbox.OutboxEvent;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An article. Its author is stored by immutable user id; the slug is fixed when it is first written
 * so links never break. {@code bodyHtml} is rendered and sanitised once, when the body is written.
 * A deleted article stays as a tombstone ({@code deleted}) until the relay has published its
 * deletion from {@code outbox}; no read returns it.
 *
 * <p>{@code status} is its place in the desk's workflow ({@link Status}); {@code publishAt} the time a
 * scheduled story goes live; {@code publishedAt} when it went live. {@code createdAt} is the time
 * readers see it was published (set again at publication, so a story drafted last week and published
 * now is at the top of the lists); {@code draftedAt} when it was first written. Articles stored
 * before the workflow existed have no status and are published ({@link ArticleRepository} sets it).
 * {@code version} grows with every change of content or status, so that a change computed from what
 * was read lands only if nothing changed meanwhile (an event never carries a stale snapshot).
 * {@code alert} is the breaking-news alert its publication raised ({@link BreakingAlerts}), kept so
 * that a withdrawal, a deletion or an editor clears a current alert exactly once.
 */
@Document(Article.COLLECTION)
public record Article(
        @Id String id,
        String slug,
        String title,
        String description,
        String body,
        String bodyHtml,
        List<String> tagList,
        String authorId,
        List<Label> labels,
        Source source,
        String coverImage,
        long favoritesCount,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        Status status,
        Instant publishAt,
        Instant publishedAt,
        Instant draftedAt,
        long version,
        List<Correction> corrections,
        Alert alert,
        List<OutboxEvent> outbox) {

    public static final String COLLECTION = "articles";

    public Article {
        tagList = tagList == null ? List.of() : List.copyOf(tagList);
        labels = labels == null ? List.of() : List.copyOf(labels);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        corrections = corrections == null ? List.of() : List.copyOf(corrections);
        status = status == null ? Status.PUBLISHED : status;
        draftedAt = draftedAt == null ? createdAt : draftedAt;
    }

    /**
     * A new article by {@code authorId} as {@code input} describes it, in {@code status} (published at
     * once, or a draft), with nothing in its outbox.
     */
    static Article created(
            String id, String slug, String authorId, ArticleInput input, String bodyHtml, Status status, Instant now) {
        return new Article(
                id,
                slug,
                input.title(),
                input.description(),
                input.body(),
                bodyHtml,
                input.tagList(),
                authorId,
                input.labels(),
                input.source(),
                input.coverImage(),
                0,
                now,
                now,
                false,
                status,
                null,
                status == Status.PUBLISHED ? now : null,
                now,
                0,
                List.of(),
                null,
                List.of());
    }

    /**
     * This article as it is after {@code input}: the fields it names change ({@code bodyHtml} is the
     * rendering of the body after it), the others stay; the slug never changes, createdAt only at
     * publication.
     */
    Article edited(ArticleInput input, String bodyHtml, Instant now) {
        return new Article(
                id,
                slug,
                input.has("title") ? input.title() : title,
                input.has("description") ? input.description() : description,
                input.has("body") ? input.body() : body,
                bodyHtml,
                input.has("tagList") ? input.tagList() : tagList,
                authorId,
                input.has("labels") ? input.labels() : labels,
                input.has("source") ? input.source() : source,
                input.has("coverImage") ? input.coverImage() : coverImage,
                favoritesCount,
                createdAt,
                now,
                false,
                status,
                publishAt,
                publishedAt,
                draftedAt,
                version + 1,
                corrections,
                alert,
                outbox);
    }

    Article withOutbox(List<OutboxEvent> outbox) {
        return new Article(
                id,
                slug,
                title,
                description,
                body,
                bodyHtml,
                tagList,
                authorId,
                labels,
                source,
                coverImage,
                favoritesCount,
                createdAt,
                updatedAt,
                deleted,
                status,
                publishAt,
                publishedAt,
                draftedAt,
                version,
                corrections,
                alert,
                outbox);
    }

    /** This article moved to {@code next} at {@code now}; only {@link Status#PUBLISHED} changes times. */
    Article movedTo(Status next, Instant scheduledFor, Instant now) {
        boolean publishing = next == Status.PUBLISHED;
        return new Article(
                id,
                slug,
                title,
                description,
                body,
                bodyHtml,
                tagList,
                authorId,
                labels,
                source,
                coverImage,
                favoritesCount,
                publishing ? now : createdAt,
                publishing ? now : updatedAt,
                deleted,
                next,
                next == Status.SCHEDULED ? scheduledFor : null,
                publishing ? now : publishedAt,
                draftedAt,
                version + 1,
                corrections,
                alert,
                outbox);
    }

    /** This article with {@code next} as its alert (null: none); the version does not change. */
    Article withAlert(Alert next) {
        return withAlert(next, version);
    }

    /** This article at the version after this one, for a change of its own fields only (its alert). */
    Article nextVersion() {
        return withAlert(alert, version + 1);
    }

    private Article withAlert(Alert next, long nextVersion) {
        return new Article(
                id,
                slug,
                title,
                description,
                body,
                bodyHtml,
                tagList,
                authorId,
                labels,
                source,
                coverImage,
                favoritesCount,
                createdAt,
                updatedAt,
                deleted,
                status,
                publishAt,
                publishedAt,
                draftedAt,
                nextVersion,
                corrections,
                next,
                outbox);
    }

    /** Whether its alert is still showing at {@code now}: raised, not cleared and not expired. */
    public boolean alertCurrentAt(Instant now) {
        return alert != null && alert.currentAt(now);
    }

    public boolean isPublished() {
        return status == Status.PUBLISHED;
    }

    /**
     * This article with {@code note} appended to its corrections (at the version after this one);
     * nothing else changes, not even {@code updatedAt}: a correction is a note about the story.
     */
    Article corrected(Correction note) {
        List<Correction> notes = new java.util.ArrayList<>(corrections);
        notes.add(note);
        return new Article(
                id,
                slug,
                title,
                description,
                body,
                bodyHtml,
                tagList,
                authorId,
                labels,
                source,
                coverImage,
                favoritesCount,
                createdAt,
                updatedAt,
                deleted,
                status,
                publishAt,
                publishedAt,
                draftedAt,
                version + 1,
                notes,
                alert,
                outbox);
    }

    /**
     * A note an editor appended to the published story: a {@code correction} of a fact, a {@code
     * clarification} or an {@code update}, with its text and time. Notes are only ever appended, so
     * what a story once said wrongly is never edited away silently.
     */
    public record Correction(String kind, String text, Instant at) {

        public static final java.util.Set<String> KINDS = java.util.Set.of("correction", "clarification", "update");
    }

    /** An editorial label such as "Breaking news"; past {@code expiresAt} it no longer shows. */
    public record Label(String name, Instant expiresAt) {

        public boolean showsAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }
    }

    /** The breaking-news alert its publication raised, showing until {@code expiresAt} unless cleared first. */
    public record Alert(Instant raisedAt, Instant expiresAt, Instant clearedAt) {

        boolean currentAt(Instant now) {
            return clearedAt == null && expiresAt.isAfter(now);
        }

        Alert clearedAt(Instant now) {
            return new Alert(raisedAt, expiresAt, now);
        }
    }

    /** Where the story comes from, when it is not the author's own reporting. */
    public record Source(String name, String url) {}

    /** The labels a reader sees at {@code now}. */
    public List<Label> labelsShownAt(Instant now) {
        return labels.stream().filter(label -> label.showsAt(now)).toList();
    }
}
