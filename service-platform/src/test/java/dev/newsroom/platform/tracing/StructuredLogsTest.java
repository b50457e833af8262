package dev.newsroom.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.platform.web.RequestIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code LOG_FORMAT=json} makes every line one JSON object naming the request, trace and span. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void logFormatJsonWritesEachLineAsAJsonObjectWithTheRequestAndTraceIds(CapturedOutput output) {
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext started =
                application.run("--LOG_FORMAT=json", "--spring.main.banner-mode=off")) {
            RequestIds.logWith(
                    new Correlation("req-json", TRACE, "00f067aa0ba902b7", true),
                    () -> LoggerFactory.getLogger("newsroom.structured").info("a structured line"));
        }

        String line = output.getOut()
                .lines()
                .filter(written -> written.contains("a structured line"))
                .findFirst()
                .orElseThrow();
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.path("message").asString()).isEqualTo("a structured line");
        assertThat(json.path("requestId").asString()).isEqualTo("req-json");
        assertThat(json.path("traceId").asString()).isEqualTo(TRACE);
        assertThat(json.path("spanId").asString()).isEqualTo("00f067aa0ba902b7");
    }

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}
}
