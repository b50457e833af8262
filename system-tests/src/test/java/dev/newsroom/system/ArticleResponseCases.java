package dev.newsroom.system;

import static dev.newsroom.system.ConformanceClient.commentJson;
import static dev.newsroom.system.ConformanceClient.commentsOf;
import static dev.newsroom.system.ResponseCases.FORGED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.system.ConformanceClient.Answer;
import dev.newsroom.system.ResponseCases.Case;
import java.util.Map;

/** {@link ResponseCases} for the article and comment operations. */
final class ArticleResponseCases {

    private static final String BAD_ARTICLE = "{\"article\":{\"title\":\"\"}}";

    private ArticleResponseCases() {}

    static void articles(Map<String, Case> cases) {
        for (String[] list :
                new String[][] {{"GetArticles", "/api/articles"}, {"GetArticlesFeed", "/api/articles/feed"}}) {
            String id = list[0];
            cases.put(
                    id + " 200",
                    (api, f) -> api.expect(
                            id, 200, api.send("GET", list[1], null, f.alice().auth())));
            cases.put(
                    id + " 401",
                    (api, f) -> api.expectError(id, 401, api.send("GET", list[1], null, FORGED), "token", null));
            cases.put(
                    id + " 422",
                    (api, f) -> api.expectError(
                            id,
                            422,
                            api.send(
                                    "GET", list[1] + "?limit=0", null, f.alice().auth()),
                            "limit",
                            null));
        }
        cases.put(
                "GetArticlesFeed 401",
                (api, f) -> api.expectError(
                        "GetArticlesFeed",
                        401,
                        api.send("GET", "/api/articles/feed", null, null),
                        "token",
                        "is missing"));
        cases.put("CreateArticle 201", (api, f) -> api.createArticle(f.alice(), "Created", "conformance"));
        cases.put(
                "CreateArticle 401",
                (api, f) -> api.expectError(
                        "CreateArticle",
                        401,
                        api.send("POST", "/api/articles", BAD_ARTICLE, null),
                        "token",
                        "is missing"));
        // 409 would mean a slug that stays taken; RealWorld lets two articles share a title, each with
        // its own slug, so the same title twice must not be a conflict.
        cases.put("CreateArticle 409", (api, f) -> {
            String first = api.createArticle(f.alice(), "Twice the same title");
            String second = api.createArticle(f.alice(), "Twice the same title");
            assertThat(first).isNotEqualTo(second);
        });
        cases.put(
                "CreateArticle 422",
                (api, f) -> api.expectError(
                        "CreateArticle",
                        422,
                        api.send("POST", "/api/articles", BAD_ARTICLE, f.alice().auth()),
                        "title",
                        null));
        cases.put("GetArticle 200", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Read me");
            Answer answer = api.expect("GetArticle", 200, api.send("GET", "/api/articles/" + slug, null, null));
            assertThat(answer.path("article", "body").asString()).isEqualTo("The text of Read me");
        });
        cases.put(
                "GetArticle 404",
                (api, f) -> api.expectError(
                        "GetArticle",
                        404,
                        api.send("GET", "/api/articles/" + ConformanceClient.unique("no-such"), null, null),
                        "article",
                        "not found"));
        cases.put("GetArticle 422", Case.noInput("GetArticle"));
        cases.put("UpdateArticle 200", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Before");
            Answer answer = api.expect(
                    "UpdateArticle",
                    200,
                    api.send(
                            "PUT",
                            "/api/articles/" + slug,
                            "{\"article\":{\"title\":\"After\"}}",
                            f.alice().auth()));
            assertThat(answer.path("article", "title").asString()).isEqualTo("After");
        });
        cases.put(
                "UpdateArticle 401",
                (api, f) -> api.expectError(
                        "UpdateArticle",
                        401,
                        api.send("PUT", "/api/articles/" + ConformanceClient.unique("none"), BAD_ARTICLE, null),
                        "token",
                        "is missing"));
        cases.put("UpdateArticle 403", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Not Bob's");
            api.expectError(
                    "UpdateArticle",
                    403,
                    api.send(
                            "PUT", "/api/articles/" + slug, BAD_ARTICLE, f.bob().auth()),
                    "article",
                    "forbidden");
        });
        cases.put(
                "UpdateArticle 404",
                (api, f) -> api.expectError(
                        "UpdateArticle",
                        404,
                        api.send(
                                "PUT",
                                "/api/articles/" + ConformanceClient.unique("none"),
                                BAD_ARTICLE,
                                f.bob().auth()),
                        "article",
                        "not found"));
        cases.put("UpdateArticle 422", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Stays titled");
            api.expectError(
                    "UpdateArticle",
                    422,
                    api.send(
                            "PUT",
                            "/api/articles/" + slug,
                            BAD_ARTICLE,
                            f.alice().auth()),
                    "title",
                    "can't be blank");
        });
        cases.put("DeleteArticle 204", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Short-lived");
            api.expect(
                    "DeleteArticle",
                    204,
                    api.send("DELETE", "/api/articles/" + slug, null, f.alice().auth()));
            api.expect("GetArticle", 404, api.send("GET", "/api/articles/" + slug, null, null));
        });
        cases.put(
                "DeleteArticle 401",
                (api, f) -> api.expectError(
                        "DeleteArticle",
                        401,
                        api.send("DELETE", "/api/articles/" + ConformanceClient.unique("x"), null, null),
                        "token",
                        "is missing"));
        cases.put("DeleteArticle 403", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Alice keeps it");
            api.expectError(
                    "DeleteArticle",
                    403,
                    api.send("DELETE", "/api/articles/" + slug, null, f.bob().auth()),
                    "article",
                    "forbidden");
        });
        cases.put(
                "DeleteArticle 404",
                (api, f) -> api.expectError(
                        "DeleteArticle",
                        404,
                        api.send(
                                "DELETE",
                                "/api/articles/" + ConformanceClient.unique("x"),
                                null,
                                f.bob().auth()),
                        "article",
                        "not found"));
        cases.put("DeleteArticle 422", Case.noInput("DeleteArticle"));
        cases.put("GetTags 200", (api, f) -> api.expect("GetTags", 200, api.send("GET", "/api/tags", null, null)));
        cases.put("GetTags 422", Case.noInput("GetTags"));
    }

    static void comments(Map<String, Case> cases) {
        cases.put("GetArticleComments 200", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Discussed");
            api.comment(f.bob(), slug, "First!");
            Answer answer = api.expect("GetArticleComments", 200, api.send("GET", commentsOf(slug), null, null));
            assertThat(answer.path("comments").size()).isEqualTo(1);
        });
        cases.put(
                "GetArticleComments 401",
                (api, f) -> api.expectError(
                        "GetArticleComments",
                        401,
                        api.send("GET", commentsOf(ConformanceClient.unique("x")), null, FORGED),
                        "token",
                        null));
        cases.put("GetArticleComments 404", (api, f) -> {
            String unknown = commentsOf(ConformanceClient.unique("x"));
            api.expectError("GetArticleComments", 404, api.send("GET", unknown, null, null), "article", "not found");
            api.expectError(
                    "GetArticleComments",
                    404,
                    api.send("GET", unknown + "?limit=0", null, null),
                    "article",
                    "not found");
        });
        // The document gives this operation no query parameters; Newsroom's paging ones are the input
        // a client can get wrong here.
        cases.put("GetArticleComments 422", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Paged");
            api.comment(f.bob(), slug, "Hello");
            api.expectError(
                    "GetArticleComments",
                    422,
                    api.send("GET", commentsOf(slug) + "?limit=0", null, null),
                    "limit",
                    null);
        });
        cases.put("CreateArticleComment 201", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Commented");
            api.comment(f.bob(), slug, "Nice");
        });
        cases.put(
                "CreateArticleComment 401",
                (api, f) -> api.expectError(
                        "CreateArticleComment",
                        401,
                        api.send("POST", commentsOf(ConformanceClient.unique("x")), "{}", null),
                        "token",
                        "is missing"));
        cases.put(
                "CreateArticleComment 404",
                (api, f) -> api.expectError(
                        "CreateArticleComment",
                        404,
                        api.send(
                                "POST",
                                commentsOf(ConformanceClient.unique("x")),
                                "{\"comment\":{\"body\":\"\"}}",
                                f.bob().auth()),
                        "article",
                        "not found"));
        cases.put("CreateArticleComment 422", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Quiet");
            api.comment(f.bob(), slug, "Only this");
            api.expectError(
                    "CreateArticleComment",
                    422,
                    api.send("POST", commentsOf(slug), commentJson(" "), f.bob().auth()),
                    "body",
                    "can't be blank");
        });
        cases.put("DeleteArticleComment 204", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Retracted");
            long id = api.comment(f.bob(), slug, "Oops");
            api.expect(
                    "DeleteArticleComment",
                    204,
                    api.send(
                            "DELETE", commentsOf(slug) + "/" + id, null, f.bob().auth()));
        });
        cases.put(
                "DeleteArticleComment 401",
                (api, f) -> api.expectError(
                        "DeleteArticleComment",
                        401,
                        api.send("DELETE", commentsOf("x") + "/1", null, null),
                        "token",
                        "is missing"));
        cases.put("DeleteArticleComment 403", (api, f) -> {
            String slug = api.createArticle(f.alice(), "Guarded");
            long id = api.comment(f.alice(), slug, "Alice's own");
            api.expectError(
                    "DeleteArticleComment",
                    403,
                    api.send(
                            "DELETE", commentsOf(slug) + "/" + id, null, f.bob().auth()),
                    "comment",
                    "forbidden");
        });
        cases.put("DeleteArticleComment 404", (api, f) -> {
            api.expectError(
                    "DeleteArticleComment",
                    404,
                    api.send(
                            "DELETE",
                            commentsOf(ConformanceClient.unique("x")) + "/1",
                            null,
                            f.bob().auth()),
                    "article",
                    "not found");
            String slug = api.createArticle(f.alice(), "No such comment");
            api.comment(f.alice(), slug, "Exists");
            api.expectError(
                    "DeleteArticleComment",
                    404,
                    api.send(
                            "DELETE",
                            commentsOf(slug) + "/999999999",
                            null,
                            f.bob().auth()),
                    "comment",
                    "not found");
        });
        cases.put("DeleteArticleComment 422", Case.noInput("DeleteArticleComment"));
    }
}
