package dev.newsroom.platform.authors;

import dev.newsroom.platform.projection.ProjectionLookup;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The authors' profiles a service shows ({@code newsroom.authors.*}).
 *
 * @param writerLookup how long the answer to a write waits for its author's profile to reach the
 *     users projection (a client that registers and writes at once is a few milliseconds ahead of
 *     the event), and how often it looks meanwhile
 */
@ConfigurationProperties("newsroom.authors")
public record AuthorsProperties(@DefaultValue ProjectionLookup writerLookup) {}
