package dev.newsroom.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Swagger UI's files from the {@code org.webjars:swagger-ui} jar on the classpath (no CDN), under
 * {@code /swagger-ui/} without the webjar's version in the URL, so the page need not change when the
 * dependency does. Our own files come first: {@code index.html} and {@code swagger-initializer.js}
 * replace the webjar's, which would load the Petstore example from the internet.
 */
@Configuration(proxyBeanMethods = false)
class SwaggerUiResources implements WebFluxConfigurer {

    private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/swagger-ui/**")
                .addResourceLocations(
                        "classpath:/openapi/swagger-ui/",
                        "classpath:/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/");
    }

    private static String webjarVersion() {
        try (InputStream in = new ClassPathResource(WEBJAR_PROPERTIES).getInputStream()) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the swagger-ui webjar is missing from the classpath", e);
        }
    }
}
