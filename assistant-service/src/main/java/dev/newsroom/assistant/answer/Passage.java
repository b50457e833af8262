package dev.newsroom.assistant.answer;

/**
 * A span of an article's Markdown body that can be quoted as (part of) an answer.
 *
 * @param index the passage's position among the article's passages, from 0
 * @param start offset of its first character in the body
 * @param end offset just past its last character in the body
 * @param text {@code body.substring(start, end)}
 */
public record Passage(int index, int start, int end, String text) {}
