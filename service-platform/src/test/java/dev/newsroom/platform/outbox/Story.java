package dev.newsroom.platform.outbox;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** An aggregate as a service maps one: its own state plus the events waiting to be published. */
@Document
record Story(@Id String id, String title, List<OutboxEvent> outbox) {}
