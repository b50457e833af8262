package dev.newsroom.platform.projection;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A consumer's record of another service's story: the fields it reads, plus the projection's own. */
@Document(StoryCopy.COLLECTION)
record StoryCopy(
        @Id String id, String slug, String title, String body, boolean deleted, Instant changedAt, String lastEventId)
        implements Projected {

    static final String COLLECTION = "story-copies";
}
