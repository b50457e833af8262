package dev.newsroom.article.article;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One saved state of a story's content: who saved it, when, which fields changed, and the content
 * after the change (so any revision can be compared with the one before it, or restored). Its
 * {@code number} is the article's {@link Article#version() version} after the change, unique per
 * article and growing (status moves take numbers too, so there are gaps). {@code restoredFrom} names
 * the revision a restore brought back.
 */
@Document(Revision.COLLECTION)
public record Revision(
        @Id String id,
        String articleId,
        long number,
        String by,
        Instant at,
        List<String> fields,
        Integer restoredFrom,
        String title,
        String description,
        String body,
        List<String> tagList) {

    public static final String COLLECTION = "revisions";

    /** The number of a story's pending revision (at most one): an edit waiting for an editor. */
    static final long PENDING = -1;

    /** The content fields a revision keeps and compares. */
    static final List<String> CONTENT = List.of("title", "description", "body", "tagList");

    public Revision {
        fields = fields == null ? List.of() : List.copyOf(fields);
        tagList = tagList == null ? List.of() : List.copyOf(tagList);
    }

    /** {@code saved} as {@code by} left it at {@code at}; {@code before} is null for the first. */
    static Revision of(Article before, Article saved, String by, Instant at, Integer restoredFrom) {
        List<String> fields = CONTENT.stream()
                .filter(field -> before == null || !valueOf(before, field).equals(valueOf(saved, field)))
                .toList();
        return new Revision(
                saved.id() + ":" + saved.version(),
                saved.id(),
                saved.version(),
                by,
                at,
                fields,
                restoredFrom,
                saved.title(),
                saved.description(),
                saved.body(),
                saved.tagList());
    }

    /**
     * A pending revision of the published story {@code live}: {@code proposed} is the story as it
     * would be with the edit, which goes live only when an editor publishes it.
     */
    static Revision pending(Article live, Article proposed, String by, Instant at) {
        Revision revision = of(live, proposed, by, at, null);
        return new Revision(
                live.id() + ":pending",
                live.id(),
                PENDING,
                by,
                at,
                revision.fields(),
                null,
                proposed.title(),
                proposed.description(),
                proposed.body(),
                proposed.tagList());
    }

    /** The revision's content as an edit that names its four fields. */
    ArticleInput asEdit() {
        return new ArticleInput(Set.copyOf(CONTENT), title, description, body, tagList, null, null, null);
    }

    private static Object valueOf(Article article, String field) {
        return switch (field) {
            case "title" -> article.title();
            case "description" -> article.description();
            case "body" -> article.body();
            default -> article.tagList();
        };
    }
}
