package dev.newsroom.system;

import static dev.newsroom.system.ConformanceClient.JSON;
import static dev.newsroom.system.ConformanceClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.system.ConformanceClient.Answer;
import dev.newsroom.system.ConformanceClient.User;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every field of every request body in the RealWorld document does when it is absent,
 * {@code null}, empty ({@code ""} or {@code []}), blank ({@code "   "} or {@code ["  "]}) or of
 * another JSON type, keyed {@code "<operationId> <field>"}, plus the wrapper object itself (keyed
 * {@code "<operationId> (wrapper)"}). The rules are those of docs/realworld-conformance.md; each
 * is checked against the document's own type of the field before it is run.
 */
final class BodyFieldCases {

    /** The ways a field can be sent. */
    enum Kind {
        ABSENT,
        NULL,
        EMPTY,
        BLANK,
        WRONG_TYPE
    }

    /** What a field is, by the document: which answers each {@link Kind} earns. */
    enum Rule {
        /** In the schema's required list: every kind is 422 naming the field. */
        REQUIRED,
        /** Optional, not nullable: absent leaves it as it is; anything blank or mistyped is 422. */
        OPTIONAL,
        /** {@code [string, 'null']}: absent leaves it; null, "" and blank clear it to null; a mistype is 422. */
        NULLABLE,
        /** An optional array: absent leaves it ([] on creation), [] empties it, null, [" "] and a mistype are 422. */
        OPTIONAL_LIST
    }

    static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("Login email", Rule.REQUIRED),
            Map.entry("Login password", Rule.REQUIRED),
            Map.entry("CreateUser username", Rule.REQUIRED),
            Map.entry("CreateUser email", Rule.REQUIRED),
            Map.entry("CreateUser password", Rule.REQUIRED),
            Map.entry("UpdateCurrentUser email", Rule.OPTIONAL),
            Map.entry("UpdateCurrentUser password", Rule.OPTIONAL),
            Map.entry("UpdateCurrentUser username", Rule.OPTIONAL),
            Map.entry("UpdateCurrentUser bio", Rule.NULLABLE),
            Map.entry("UpdateCurrentUser image", Rule.NULLABLE),
            Map.entry("CreateArticle title", Rule.REQUIRED),
            Map.entry("CreateArticle description", Rule.REQUIRED),
            Map.entry("CreateArticle body", Rule.REQUIRED),
            Map.entry("CreateArticle tagList", Rule.OPTIONAL_LIST),
            Map.entry("UpdateArticle title", Rule.OPTIONAL),
            Map.entry("UpdateArticle description", Rule.OPTIONAL),
            Map.entry("UpdateArticle body", Rule.OPTIONAL),
            Map.entry("UpdateArticle tagList", Rule.OPTIONAL_LIST),
            Map.entry("CreateArticleComment body", Rule.REQUIRED));

    private static final String OLD_BIO = "The old bio";
    private static final String OLD_IMAGE = "https://img.example.org/old.png";

    private final ConformanceClient api;
    private final User author;
    private String commentedSlug;

    BodyFieldCases(ConformanceClient api, User author) {
        this.api = api;
        this.author = author;
    }

    /** Whether {@code rule} is what the document says the field is. */
    static void assertRuleMatchesDocument(RealWorldDocument.Operation operation, String field, Rule rule) {
        List<String> types = RealWorldDocument.typesOf(operation.field(field));
        boolean required = operation.requires(field);
        switch (rule) {
            case REQUIRED ->
                assertThat(required)
                        .as("%s %s is required", operation.id(), field)
                        .isTrue();
            case OPTIONAL ->
                assertThat(!required && types.equals(List.of("string")))
                        .as("%s %s is an optional, non-nullable string: %s", operation.id(), field, types)
                        .isTrue();
            case NULLABLE ->
                assertThat(!required && types.contains("null"))
                        .as("%s %s is nullable: %s", operation.id(), field, types)
                        .isTrue();
            case OPTIONAL_LIST ->
                assertThat(!required && types.equals(List.of("array")))
                        .as("%s %s is an optional array: %s", operation.id(), field, types)
                        .isTrue();
        }
    }

    /** Sends the body with {@code field} sent as {@code kind} and checks the answer and its effect. */
    void run(RealWorldDocument.Operation operation, String field, Rule rule, Kind kind) throws Exception {
        boolean list = RealWorldDocument.typesOf(operation.field(field)).contains("array");
        Target target = target(operation.id(), field);
        ObjectNode fields = target.fields().deepCopy();
        fields.remove(field);
        if (kind != Kind.ABSENT) {
            fields.set(field, value(kind, list));
        }
        Answer answer = api.send(
                operation.method(), target.path(), ConformanceClient.wrap(operation.wrapper(), fields), target.auth());
        if (!succeeds(rule, kind)) {
            api.expectError(operation.id(), 422, answer, field, list ? null : message(rule, kind));
            return;
        }
        int status = operation.statuses().contains(201) ? 201 : 200;
        api.expect(operation.id(), status, answer);
        if (field.equals("password")) {
            // Never shown; the old password still signs in.
            api.expect(
                    "Login",
                    200,
                    api.send(
                            "POST",
                            "/api/users/login",
                            ConformanceClient.loginJson(target.user().email(), PASSWORD),
                            null));
            return;
        }
        JsonNode stored = target.reread(operation.id().equals("CreateArticle") ? answer : null);
        assertThat(stored.get(field))
                .as("%s after %s %s %s", field, operation.id(), kind, stored)
                .isEqualTo(expectedAfter(operation.id(), field, kind, target));
        if (operation.id().equals("UpdateCurrentUser") && rule == Rule.NULLABLE) {
            JsonNode profile = api.send("GET", "/api/profiles/" + target.user().username(), null, null)
                    .path("profile");
            assertThat(profile.get(field)).as("the profile's %s", field).isEqualTo(stored.get(field));
        }
    }

    /** The wrapper object absent ({@code {}}), null, of another type, or empty ({@code {"user":{}}}): all 422. */
    void runWrapper(RealWorldDocument.Operation operation, Kind kind) throws Exception {
        Target target = target(operation.id(), null);
        String wrapper = operation.wrapper();
        String body = switch (kind) {
            case ABSENT -> "{}";
            case NULL -> "{\"" + wrapper + "\":null}";
            case EMPTY -> "{\"" + wrapper + "\":{}}";
            case WRONG_TYPE -> "{\"" + wrapper + "\":\"text\"}";
            case BLANK -> throw new IllegalArgumentException("no blank wrapper");
        };
        Answer answer = api.send(operation.method(), target.path(), body, target.auth());
        boolean namesFields = kind == Kind.EMPTY && operation.fields().stream().anyMatch(operation::requires);
        String expectedField = namesFields
                ? operation.fields().stream()
                        .filter(operation::requires)
                        .findFirst()
                        .orElseThrow()
                : wrapper;
        api.expectError(operation.id(), 422, answer, expectedField, null);
    }

    private static boolean succeeds(Rule rule, Kind kind) {
        return switch (rule) {
            case REQUIRED -> false;
            case OPTIONAL -> kind == Kind.ABSENT;
            case NULLABLE -> kind != Kind.WRONG_TYPE;
            case OPTIONAL_LIST -> kind == Kind.ABSENT || kind == Kind.EMPTY;
        };
    }

    private static String message(Rule rule, Kind kind) {
        if (kind != Kind.WRONG_TYPE) {
            return "can't be blank";
        }
        return rule == Rule.NULLABLE ? "must be a string or null" : "must be a string";
    }

    private static JsonNode value(Kind kind, boolean list) {
        return switch (kind) {
            case NULL -> JSON.nullNode();
            case EMPTY -> list ? JSON.createArrayNode() : JSON.getNodeFactory().stringNode("");
            case BLANK ->
                list ? JSON.createArrayNode().add("   ") : JSON.getNodeFactory().stringNode("   ");
            case WRONG_TYPE ->
                list
                        ? JSON.getNodeFactory().stringNode("reactjs")
                        : JSON.getNodeFactory().numberNode(42);
            case ABSENT -> throw new IllegalArgumentException("an absent field has no value");
        };
    }

    private JsonNode expectedAfter(String operationId, String field, Kind kind, Target target) {
        if (field.equals("tagList")) {
            return kind == Kind.EMPTY || operationId.equals("CreateArticle")
                    ? JSON.createArrayNode()
                    : target.fields().get("tagList");
        }
        if (kind != Kind.ABSENT) {
            return JSON.nullNode(); // a nullable field cleared
        }
        return switch (field) {
            case "bio" -> JSON.getNodeFactory().stringNode(OLD_BIO);
            case "image" -> JSON.getNodeFactory().stringNode(OLD_IMAGE);
            case "email" -> JSON.getNodeFactory().stringNode(target.user().email());
            case "username" -> JSON.getNodeFactory().stringNode(target.user().username());
            default -> target.original().get(field);
        };
    }

    /** Where a body goes, a valid body to vary, and how to read back what it changed. */
    private record Target(String path, String auth, ObjectNode fields, User user, JsonNode original, Reread reread) {
        JsonNode reread(Answer created) throws Exception {
            return reread.read(created);
        }
    }

    @FunctionalInterface
    private interface Reread {
        JsonNode read(Answer created) throws Exception;
    }

    /**
     * One article, known to comment-service, for every comment case: none of them stores a comment,
     * and each new article would cost a comment to wait for (ten a minute per user at most).
     */
    private String commentedArticle() throws Exception {
        if (commentedSlug == null) {
            commentedSlug = api.createArticle(author, "Matrix comments");
            api.comment(author, commentedSlug, "The projection knows this article");
        }
        return commentedSlug;
    }

    private Target target(String operationId, String field) throws Exception {
        switch (operationId) {
            case "Login" -> {
                return new Target(
                        "/api/users/login",
                        null,
                        JSON.createObjectNode().put("email", author.email()).put("password", PASSWORD),
                        author,
                        null,
                        created -> null);
            }
            case "CreateUser" -> {
                String name = ConformanceClient.unique("matrix");
                ObjectNode user = JSON.createObjectNode()
                        .put("username", name)
                        .put("email", name + "@example.org")
                        .put("password", PASSWORD);
                return new Target("/api/users", null, user, null, null, created -> null);
            }
            case "UpdateCurrentUser" -> {
                User user = api.register("matrix");
                api.expect(
                        "UpdateCurrentUser",
                        200,
                        api.send(
                                "PUT",
                                "/api/user",
                                ConformanceClient.wrap(
                                        "user",
                                        JSON.createObjectNode()
                                                .put("bio", OLD_BIO)
                                                .put("image", OLD_IMAGE)),
                                user.auth()));
                // Another field carries the change, so that an absent field still makes a valid update.
                ObjectNode carrier = "bio".equals(field)
                        ? JSON.createObjectNode().put("image", OLD_IMAGE)
                        : JSON.createObjectNode().put("bio", OLD_BIO);
                return new Target(
                        "/api/user",
                        user.auth(),
                        carrier,
                        user,
                        null,
                        created ->
                                api.send("GET", "/api/user", null, user.auth()).path("user"));
            }
            case "CreateArticle" -> {
                ObjectNode article = ConformanceClient.articleFields("Matrix");
                article.putArray("tagList").add("matrix");
                return new Target(
                        "/api/articles",
                        author.auth(),
                        article,
                        author,
                        null,
                        created -> api.send(
                                        "GET",
                                        "/api/articles/"
                                                + created.path("article", "slug")
                                                        .asString(),
                                        null,
                                        author.auth())
                                .path("article"));
            }
            case "UpdateArticle" -> {
                String slug = api.createArticle(author, "Matrix target", "keep");
                JsonNode original = api.send("GET", "/api/articles/" + slug, null, author.auth())
                        .path("article");
                // Another field carries the change, so that an absent field still makes a valid update.
                ObjectNode fields = "description".equals(field)
                        ? JSON.createObjectNode().put("body", "Carried body")
                        : JSON.createObjectNode().put("description", "Carried description");
                if ("tagList".equals(field)) {
                    fields.putArray("tagList").add("keep");
                }
                return new Target(
                        "/api/articles/" + slug,
                        author.auth(),
                        fields,
                        author,
                        original,
                        created -> api.send("GET", "/api/articles/" + slug, null, author.auth())
                                .path("article"));
            }
            case "CreateArticleComment" -> {
                return new Target(
                        ConformanceClient.commentsOf(commentedArticle()),
                        author.auth(),
                        JSON.createObjectNode().put("body", "Hello"),
                        author,
                        null,
                        created -> null);
            }
            default -> throw new AssertionError("no request body target for " + operationId);
        }
    }
}
