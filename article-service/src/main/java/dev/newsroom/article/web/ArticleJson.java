package dev.newsroom.article.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.newsroom.article.article.Article;
import dev.newsroom.article.article.ArticlePage;
import dev.newsroom.platform.web.Timestamps;
import java.time.Instant;
import java.util.List;

/**
 * The JSON article-service answers with: the RealWorld article, by author id rather than profile
 * (the gateway adds the author's profile), plus Newsroom's labels, source, cover image and, for a
 * single article, the rendered and sanitised {@code bodyHtml}.
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
            String authorId,
            List<Label> labels,
            Article.Source source,
            String coverImage) {}

    record Label(String name, String expiresAt) {}

    record Single(Body article) {}

    record Many(List<Body> articles, long articlesCount) {}

    record Tags(List<String> tags) {}

    static Single single(Article article, boolean favorited, Instant now) {
        return new Single(body(article, favorited, now, true));
    }

    static Many many(ArticlePage page, Instant now) {
        return new Many(
                page.articles().stream()
                        .map(article -> body(article, page.favoritedByViewer().contains(article.id()), now, false))
                        .toList(),
                page.total());
    }

    static Body body(Article article, boolean favorited, Instant now, boolean withBody) {
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
                article.authorId(),
                article.labelsShownAt(now).stream()
                        .map(label -> new Label(label.name(), Timestamps.iso(label.expiresAt())))
                        .toList(),
                article.source(),
                article.coverImage());
    }
}
