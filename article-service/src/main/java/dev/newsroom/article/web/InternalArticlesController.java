package dev.newsroom.article.web;

import dev.newsroom.article.article.ArticleReads;
import dev.newsroom.platform.web.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What the gateway and trending need beyond the public API; the gateway does not route {@code
 * /internal/**} to clients. The feed is a search by the ids of the authors the viewer follows (the
 * gateway asks user-service whom, so a follow shows in the feed at once); its articles carry their
 * authors' profiles with {@code following} for {@code viewerId}, as every article answer does.
 */
@RestController
class InternalArticlesController {

    static final int MAX_IDS = 1000;

    private final ArticleReads articles;
    private final ArticleAnswers answers;

    InternalArticlesController(ArticleReads articles, ArticleAnswers answers) {
        this.articles = articles;
        this.answers = answers;
    }

    record Search(
            String tag, List<String> authorIds, String favoritedBy, Integer limit, Integer offset, String viewerId) {}

    record Ids(List<String> ids) {}

    @PostMapping("/internal/articles/search")
    Mono<ArticleJson.Many> search(@RequestBody Search search) {
        if (search.authorIds() != null && search.authorIds().size() > MAX_IDS) {
            return Mono.error(ApiException.invalid("authorIds", "at most " + MAX_IDS + " per call"));
        }
        return answers.page(
                ArticlesController.query(
                        search.tag(), search.authorIds(), search.favoritedBy(), search.limit(), search.offset()),
                search.viewerId());
    }

    @PostMapping("/internal/articles/by-ids")
    Mono<ArticleJson.Many> byIds(@RequestBody Ids request) {
        List<String> ids = request.ids() == null ? List.of() : request.ids();
        if (ids.size() > MAX_IDS) {
            return Mono.error(ApiException.invalid("ids", "at most " + MAX_IDS + " per call"));
        }
        return articles.byIds(ids).collectList().flatMap(answers::withoutBodies);
    }
}
