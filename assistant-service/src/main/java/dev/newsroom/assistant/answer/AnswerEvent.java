package dev.newsroom.assistant.answer;

/**
 * What an answerer emits while it answers: the passages it relies on, pieces of the answer's text
 * as they are produced, and finally the whole answer. The last event of every answer is {@link
 * Done}, and its answer is the one that counts: when an LLM fails half-way, the tokens already sent
 * are superseded by the extractive answer in {@code Done}.
 */
public sealed interface AnswerEvent {

    record Quoted(Answer.Quote passage) implements AnswerEvent {}

    record Token(String text) implements AnswerEvent {}

    record Done(Answer answer) implements AnswerEvent {}
}
