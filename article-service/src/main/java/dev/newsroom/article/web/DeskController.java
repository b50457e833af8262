package dev.newsroom.article.web;

import dev.newsroom.article.article.Article;
import dev.newsroom.article.article.ArticleQuery;
import dev.newsroom.article.article.Corrections;
import dev.newsroom.article.article.Desk;
import dev.newsroom.article.article.Workflow;
import dev.newsroom.platform.security.CurrentUser;
import dev.newsroom.platform.web.Paging;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The desk's endpoints: moving a story through the workflow ({@link Workflow}: each answers the
 * story as it is after the move), corrections ({@link Corrections}) and the queues ({@link Desk}). All need a token ({@link
 * ArticleAccessRules}).
 */
@RestController
class DeskController {

    private final Workflow workflow;
    private final Desk desk;
    private final ArticleAnswers answers;
    private final Corrections corrections;

    DeskController(Workflow workflow, Desk desk, ArticleAnswers answers, Corrections corrections) {
        this.workflow = workflow;
        this.corrections = corrections;
        this.desk = desk;
        this.answers = answers;
    }

    @PostMapping("/api/articles/{slug}/submit")
    Mono<ArticleJson.Single> submit(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        CurrentUser user = CurrentUser.of(token);
        return answer(workflow.submit(slug, user), user);
    }

    @PostMapping("/api/articles/{slug}/schedule")
    Mono<ArticleJson.Single> schedule(
            @PathVariable String slug,
            @RequestBody(required = false) JsonNode body,
            @AuthenticationPrincipal Jwt token) {
        CurrentUser user = CurrentUser.of(token);
        return answer(workflow.schedule(slug, user, body), user);
    }

    @PostMapping("/api/articles/{slug}/publish")
    Mono<ArticleJson.Single> publish(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        CurrentUser user = CurrentUser.of(token);
        return answer(workflow.publish(slug, user), user);
    }

    @PostMapping("/api/articles/{slug}/withdraw")
    Mono<ArticleJson.Single> withdraw(@PathVariable String slug, @AuthenticationPrincipal Jwt token) {
        CurrentUser user = CurrentUser.of(token);
        return answer(workflow.withdraw(slug, user), user);
    }

    /** An editor appends a correction, clarification or update to a published story. */
    @PostMapping("/api/articles/{slug}/corrections")
    Mono<ArticleJson.Single> correct(
            @PathVariable String slug,
            @RequestBody(required = false) JsonNode body,
            @AuthenticationPrincipal Jwt token) {
        CurrentUser user = CurrentUser.of(token);
        return answer(corrections.append(slug, user, body), user);
    }

    /** Paging as the lists have it (20 by default, at most 100), applied to each queue. */
    @GetMapping("/api/desk")
    Mono<ArticleJson.Desk> queues(
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String offset,
            @AuthenticationPrincipal Jwt token) {
        ArticleQuery paging = ArticlesController.query(null, null, null, Paging.limit(limit), Paging.offset(offset));
        CurrentUser user = CurrentUser.of(token);
        return desk.queues(user, paging.offset(), paging.limit()).flatMap(queues -> answers.desk(queues, user.id()));
    }

    private Mono<ArticleJson.Single> answer(Mono<Article> moved, CurrentUser user) {
        return moved.flatMap(article -> answers.single(article, user.id()));
    }
}
