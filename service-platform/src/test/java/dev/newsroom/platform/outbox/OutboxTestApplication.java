package dev.newsroom.platform.outbox;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A service as small as possible: Boot's MongoDB, Jackson and tracing set-up plus the outbox relay,
 * with the spans it finishes kept in memory.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OutboxTestApplication {

    @Bean
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
