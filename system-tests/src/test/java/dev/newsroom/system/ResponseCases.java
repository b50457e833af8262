package dev.newsroom.system;

import static dev.newsroom.system.ConformanceClient.PASSWORD;
import static dev.newsroom.system.ConformanceClient.loginJson;
import static dev.newsroom.system.ConformanceClient.userJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.system.ConformanceClient.Answer;
import dev.newsroom.system.ConformanceClient.User;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One test per response the RealWorld document lists (here users, profiles and favourites; articles
 * and comments in {@link ArticleResponseCases}), keyed {@code "<operationId> <status>"}. The
 * precedence where several apply is 401, then 404, then 403, then 422 (then 409): each error case
 * below sends a request that would also earn every later status, so the order is tested too.
 *
 * <p>Where nothing a client sends can earn a listed status (422 on an operation with no body and
 * no query parameters: every path value is only a name to look up, so anything unknown is 404),
 * the case is {@link Case#noInput}: it asserts that the document still gives the operation no
 * input, and so fails, asking for a real test, the day the document adds one.
 */
final class ResponseCases {

    /** A test of one listed response. */
    @FunctionalInterface
    interface Case {
        void run(ConformanceClient api, Fixture fixture) throws Exception;

        /** A status the operation cannot earn while the document gives it no input at all. */
        static Case noInput(String operationId) {
            return (api, fixture) -> {
                RealWorldDocument.Operation operation = fixture.operation(operationId);
                assertThat(operation.wrapper())
                        .as("%s has no request body", operationId)
                        .isNull();
                assertThat(operation.queryParameters())
                        .as("%s has no query parameters", operationId)
                        .isEmpty();
            };
        }
    }

    /** Users shared by the cases, and the document. */
    record Fixture(RealWorldDocument document, User alice, User bob) {
        RealWorldDocument.Operation operation(String id) {
            return document.operations().stream()
                    .filter(operation -> operation.id().equals(id))
                    .findFirst()
                    .orElseThrow();
        }
    }

    static final String FORGED = "Token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

    private ResponseCases() {}

    static Map<String, Case> all() {
        Map<String, Case> cases = new LinkedHashMap<>();
        users(cases);
        profiles(cases);
        ArticleResponseCases.articles(cases);
        ArticleResponseCases.comments(cases);
        favorites(cases);
        return cases;
    }

    private static void users(Map<String, Case> cases) {
        cases.put("Login 200", (api, f) -> {
            User user = api.register("login");
            api.expect("Login", 200, api.send("POST", "/api/users/login", loginJson(user.email(), PASSWORD), null));
        });
        cases.put(
                "Login 401",
                (api, f) -> api.expectError(
                        "Login",
                        401,
                        api.send("POST", "/api/users/login", loginJson(f.alice().email(), "not-the-password"), null),
                        "credentials",
                        "invalid"));
        cases.put(
                "Login 422",
                (api, f) -> api.expectError(
                        "Login",
                        422,
                        api.send("POST", "/api/users/login", "{\"user\":{\"email\":\"\"}}", null),
                        "email",
                        null));
        cases.put("CreateUser 201", (api, f) -> {
            User user = api.register("created");
            assertThat(user.token()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        });
        cases.put("CreateUser 409", (api, f) -> {
            String other = ConformanceClient.unique("other");
            api.expectError(
                    "CreateUser",
                    409,
                    api.send(
                            "POST",
                            "/api/users",
                            userJson(f.alice().username().toUpperCase(), other + "@example.org", PASSWORD),
                            null),
                    "username",
                    "has already been taken");
            api.expectError(
                    "CreateUser",
                    409,
                    api.send(
                            "POST",
                            "/api/users",
                            userJson(other, f.alice().email().toUpperCase(), PASSWORD),
                            null),
                    "email",
                    "has already been taken");
        });
        cases.put(
                "CreateUser 422",
                (api, f) -> api.expectError(
                        "CreateUser",
                        422,
                        api.send(
                                "POST",
                                "/api/users",
                                userJson(ConformanceClient.unique("x"), "not-an-email", PASSWORD),
                                null),
                        "email",
                        "is invalid"));
        cases.put(
                "GetCurrentUser 200",
                (api, f) -> api.expect(
                        "GetCurrentUser",
                        200,
                        api.send("GET", "/api/user", null, f.alice().auth())));
        cases.put("GetCurrentUser 401", (api, f) -> {
            api.expectError("GetCurrentUser", 401, api.send("GET", "/api/user", null, null), "token", "is missing");
            api.expectError("GetCurrentUser", 401, api.send("GET", "/api/user", null, FORGED), "token", null);
        });
        cases.put("GetCurrentUser 422", Case.noInput("GetCurrentUser"));
        cases.put("UpdateCurrentUser 200", (api, f) -> {
            User user = api.register("upd");
            api.expect(
                    "UpdateCurrentUser",
                    200,
                    api.send("PUT", "/api/user", "{\"user\":{\"bio\":\"Hello\"}}", user.auth()));
        });
        cases.put(
                "UpdateCurrentUser 401",
                (api, f) -> api.expectError(
                        "UpdateCurrentUser",
                        401,
                        api.send("PUT", "/api/user", "{\"user\":{\"email\":\"\"}}", null),
                        "token",
                        "is missing"));
        cases.put(
                "UpdateCurrentUser 422",
                (api, f) -> api.expectError(
                        "UpdateCurrentUser",
                        422,
                        api.send(
                                "PUT",
                                "/api/user",
                                "{\"user\":{\"email\":\"nope\"}}",
                                f.bob().auth()),
                        "email",
                        "is invalid"));
    }

    private static void profiles(Map<String, Case> cases) {
        cases.put("GetProfileByUsername 200", (api, f) -> {
            api.expect(
                    "GetProfileByUsername",
                    200,
                    api.send("GET", "/api/profiles/" + f.bob().username(), null, null));
            api.expect(
                    "GetProfileByUsername",
                    200,
                    api.send(
                            "GET",
                            "/api/profiles/" + f.bob().username(),
                            null,
                            f.alice().auth()));
        });
        cases.put(
                "GetProfileByUsername 401",
                (api, f) -> api.expectError(
                        "GetProfileByUsername",
                        401,
                        api.send("GET", "/api/profiles/" + ConformanceClient.unique("nobody"), null, FORGED),
                        "token",
                        null));
        cases.put(
                "GetProfileByUsername 404",
                (api, f) -> api.expectError(
                        "GetProfileByUsername",
                        404,
                        api.send("GET", "/api/profiles/" + ConformanceClient.unique("nobody"), null, null),
                        "profile",
                        "not found"));
        cases.put("GetProfileByUsername 422", Case.noInput("GetProfileByUsername"));
        for (String[] follow :
                new String[][] {{"FollowUserByUsername", "POST"}, {"UnfollowUserByUsername", "DELETE"}}) {
            String id = follow[0];
            String method = follow[1];
            cases.put(id + " 200", (api, f) -> {
                User follower = api.register("follower");
                Answer answer = api.expect(
                        id,
                        200,
                        api.send(method, "/api/profiles/" + f.bob().username() + "/follow", null, follower.auth()));
                assertThat(answer.path("profile", "following").asBoolean()).isEqualTo(method.equals("POST"));
            });
            cases.put(
                    id + " 401",
                    (api, f) -> api.expectError(
                            id,
                            401,
                            api.send(
                                    method,
                                    "/api/profiles/" + ConformanceClient.unique("nobody") + "/follow",
                                    null,
                                    null),
                            "token",
                            "is missing"));
            cases.put(
                    id + " 404",
                    (api, f) -> api.expectError(
                            id,
                            404,
                            api.send(
                                    method,
                                    "/api/profiles/" + ConformanceClient.unique("nobody") + "/follow",
                                    null,
                                    f.alice().auth()),
                            "profile",
                            "not found"));
            cases.put(
                    id + " 422",
                    (api, f) -> api.expectError(
                            id,
                            422,
                            api.send(
                                    method,
                                    "/api/profiles/" + f.alice().username() + "/follow",
                                    null,
                                    f.alice().auth()),
                            "profile",
                            null));
        }
    }

    private static void favorites(Map<String, Case> cases) {
        for (String[] favorite :
                new String[][] {{"CreateArticleFavorite", "POST"}, {"DeleteArticleFavorite", "DELETE"}}) {
            String id = favorite[0];
            String method = favorite[1];
            cases.put(id + " 200", (api, f) -> {
                String slug = api.createArticle(f.alice(), "Liked");
                Answer answer = api.expect(
                        id,
                        200,
                        api.send(
                                method,
                                "/api/articles/" + slug + "/favorite",
                                null,
                                f.bob().auth()));
                assertThat(answer.path("article", "favorited").asBoolean()).isEqualTo(method.equals("POST"));
            });
            cases.put(
                    id + " 401",
                    (api, f) -> api.expectError(
                            id, 401, api.send(method, "/api/articles/x/favorite", null, null), "token", "is missing"));
            cases.put(
                    id + " 404",
                    (api, f) -> api.expectError(
                            id,
                            404,
                            api.send(
                                    method,
                                    "/api/articles/" + ConformanceClient.unique("x") + "/favorite",
                                    null,
                                    f.bob().auth()),
                            "article",
                            "not found"));
            cases.put(id + " 422", Case.noInput(id));
        }
    }
}
