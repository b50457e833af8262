package dev.newsroom.assistant.answer;

import java.util.List;

/**
 * What every answer to one question starts from: the article's passages, their ranking for the
 * question, and the extractive answer (the answer itself, or the fallback when an LLM answers).
 */
record Grounding(List<Passage> passages, PassageRanker.Ranking ranking, Answer extractive) {}
