package dev.newsroom.gateway.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The public API's OpenAPI document and a Swagger UI page for it. The document is kept by hand in
 * YAML (people review it in pull requests) and converted to JSON once at start-up for tools, so a
 * document that does not parse stops the gateway from starting rather than failing a reader later.
 * ApiDocsDriftTest keeps it in step with the routes.
 */
@RestController
class ApiDocsController {

    static final String DOCUMENT = "openapi/newsroom.yaml";
    static final String SWAGGER_UI_PAGE = "openapi/swagger-ui/index.html";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    private final String yaml;
    private final String json;
    private final Resource swaggerUiPage = new ClassPathResource(SWAGGER_UI_PAGE);

    ApiDocsController(JsonMapper jsonMapper) {
        byte[] document = read(DOCUMENT);
        this.yaml = new String(document, StandardCharsets.UTF_8);
        this.json = jsonMapper.writeValueAsString(new YAMLMapper().readTree(document));
    }

    @GetMapping("/api-docs")
    ResponseEntity<String> json() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    @GetMapping("/api-docs.yaml")
    ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(YAML).body(yaml);
    }

    /** The page's scripts are files under {@code /swagger-ui/} (see {@link SwaggerUiResources}). */
    @GetMapping("/swagger-ui.html")
    ResponseEntity<Resource> swaggerUi() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(swaggerUiPage);
    }

    @GetMapping({"/swagger-ui", "/swagger-ui/"})
    ResponseEntity<Void> toSwaggerUi() {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/swagger-ui.html"))
                .build();
    }

    private static byte[] read(String path) {
        try {
            return new ClassPathResource(path).getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
