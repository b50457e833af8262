package dev.newsroom.platform.outbox;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A service as small as possible: Boot's MongoDB and Jackson set-up plus the outbox relay. */
@SpringBootConfiguration
@EnableAutoConfiguration
class OutboxTestApplication {}
