package dev.newsroom.article.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsroom.article.article.Article;
import dev.newsroom.article.article.ArticlePage;
import dev.newsroom.platform.authors.AuthorProfile;
import dev.newsroom.platform.web.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON article-service answers with: the RealWorld article, its {@code author} profile as the
 * viewer sees it (from the service's copy of the users' events, so no answer needs user-service),
 * plus Newsroom's labels, source, cover image, the story's {@code status} in the desk's workflow (and
 * {@code publishAt} when it is scheduled), the editors' {@code corrections} and, for a single article, the rendered and sanitised
 * {@code bodyHtml}.
 */
final class ArticleJson {

    private ArticleJson() {}

    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record Body(
            String slug,
            String title,
            String description,
            String body,
            String bodyHtml,
            List<String> tagList,
            String createdAt,
            String updatedAt,
            boolean favorited,
            long favoritesCount,
            AuthorProfile author,
            List<Label> labels,
            Article.Source source,
            String coverImage,
            String status,
            String publishAt,
            List<Correction> corrections) {}

    /** A note under the story's title; absent when there is none. */
    record Correction(String kind, String text, String at) {}

    record Label(String name, String expiresAt) {}

    record Single(Body article) {}

    record Many(List<Body> articles, long articlesCount) {}

    record Tags(List<String> tags) {}

    static Single single(Article article, boolean favorited, AuthorProfile author, Instant now) {
        return new Single(body(article, favorited, author, now, true));
    }

    /** A page, each article with its author's profile from {@code authors} (by author id). */
    static Many many(ArticlePage page, Map<String, AuthorProfile> authors, Instant now) {
        return new Many(
                page.articles().stream()
                        .map(article -> body(
                                article,
                                page.favoritedByViewer().contains(article.id()),
                                authors.getOrDefault(article.authorId(), AuthorProfile.UNKNOWN),
                                now,
                                false))
                        .toList(),
                page.total());
    }

    /** The ids of the authors of {@code articles}, to look their profiles up in one go. */
    static List<String> authorIds(List<Article> articles) {
        return articles.stream().map(Article::authorId).distinct().toList();
    }

    static Body body(Article article, boolean favorited, AuthorProfile author, Instant now, boolean withBody) {
        return new Body(
                article.slug(),
                article.title(),
                article.description(),
                withBody ? article.body() : null,
                withBody ? article.bodyHtml() : null,
                article.tagList(),
                Timestamps.iso(article.createdAt()),
                Timestamps.iso(article.updatedAt()),
                favorited,
                article.favoritesCount(),
                author,
                article.labelsShownAt(now).stream()
                        .map(label -> new Label(label.name(), Timestamps.iso(label.expiresAt())))
                        .toList(),
                article.source(),
                article.coverImage(),
                article.status().apiName(),
                Timestamps.iso(article.publishAt()),
                article.corrections().isEmpty()
                        ? null
                        : article.corrections().stream()
                                .map(note -> new Correction(note.kind(), note.text(), Timestamps.iso(note.at())))
                                .toList());
    }

    /** The desk: each queue a page of articles without bodies, with its count. */
    record Desk(Queues desk) {}

    record Queues(Many drafts, Many inReview, Many scheduled, Many published, Many withdrawn, Many changesToReview) {}
}
