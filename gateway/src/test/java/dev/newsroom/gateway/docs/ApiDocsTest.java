package dev.newsroom.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The document is served to anyone without a token, as OpenAPI 3.1 JSON and as the YAML it is kept
 * in, covers every RealWorld operation, and Swagger UI loads from this origin only.
 */
@GatewayWithoutServices
class ApiDocsTest {

    /** Every operation of RealWorld's own OpenAPI document, under the gateway's {@code /api}. */
    private static final List<String> REALWORLD = List.of(
            "post /api/users/login",
            "post /api/users",
            "get /api/user",
            "put /api/user",
            "get /api/profiles/{username}",
            "post /api/profiles/{username}/follow",
            "delete /api/profiles/{username}/follow",
            "get /api/articles/feed",
            "get /api/articles",
            "post /api/articles",
            "get /api/articles/{slug}",
            "put /api/articles/{slug}",
            "delete /api/articles/{slug}",
            "get /api/articles/{slug}/comments",
            "post /api/articles/{slug}/comments",
            "delete /api/articles/{slug}/comments/{id}",
            "post /api/articles/{slug}/favorite",
            "delete /api/articles/{slug}/favorite",
            "get /api/tags");

    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Autowired
    WebTestClient web;

    @Autowired
    JsonMapper json;

    @Test
    void apiDocsIsOpenApi31JsonWithEveryRealWorldOperation() {
        JsonNode document = json.readTree(web.get()
                .uri("/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());

        assertThat(document.path("openapi").asString()).startsWith("3.1.");
        List<String> missing = REALWORLD.stream()
                .filter(operation -> {
                    String[] methodAndPath = operation.split(" ");
                    return document.path("paths")
                            .path(methodAndPath[1])
                            .path(methodAndPath[0])
                            .isMissingNode();
                })
                .toList();
        assertThat(missing).as("RealWorld operations missing from /api-docs").isEmpty();
        assertThat(document.at("/components/securitySchemes/Token/name").asString())
                .isEqualTo("Authorization");
        assertThat(document.at("/components/schemas/GenericErrorModel/required/0")
                        .asString())
                .isEqualTo("errors");
    }

    @Test
    void everyReferenceInTheDocumentResolves() {
        JsonNode document = json.readTree(web.get()
                .uri("/api-docs")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        assertThat(references).isNotEmpty();
        assertThat(references)
                .as("$refs that point nowhere")
                .filteredOn(reference -> !reference.startsWith("#/")
                        || document.at(reference.substring(1)).isMissingNode())
                .isEmpty();
    }

    @Test
    void theYamlIsServedAsItIsKept() throws Exception {
        String kept = new ClassPathResource(ApiDocsController.DOCUMENT).getContentAsString(StandardCharsets.UTF_8);

        web.get()
                .uri("/api-docs.yaml")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.parseMediaType("application/yaml"))
                .expectBody(String.class)
                .isEqualTo(kept);
    }

    @Test
    void swaggerUiLoadsOnlyScriptFilesOfThisOriginAndReadsApiDocs() {
        String page = web.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        Matcher scripts = SCRIPT.matcher(page);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(2)).as("inline script").isBlank();
            assertThat(scripts.group(1)).contains("src=\"/");
        }
        assertThat(count).as("scripts on the page").isGreaterThanOrEqualTo(2);

        // Swagger UI's bundle is bigger than the gateway's in-memory limit for bodies.
        WebTestClient files = web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        Matcher sources = SOURCE.matcher(page);
        while (sources.find()) {
            files.get()
                    .uri(sources.group(1))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .consumeWith(file -> assertThat(file.getResponseBody()).isNotEmpty());
        }
        web.get()
                .uri("/swagger-ui/swagger-initializer.js")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(initializer ->
                        assertThat(initializer).contains("\"/api-docs\"").doesNotContain("petstore"));
    }

    @Test
    void theSwaggerUiFolderLeadsToThePage() {
        web.get()
                .uri("/swagger-ui/")
                .exchange()
                .expectStatus()
                .isFound()
                .expectHeader()
                .location("/swagger-ui.html");
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            node.properties().forEach(property -> {
                if (property.getKey().equals("$ref")) {
                    references.add(property.getValue().asString());
                } else {
                    collectReferences(property.getValue(), references);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }
}
