package dev.newsroom.assistant.answer;

import dev.newsroom.assistant.SampleArticles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Benchmark tier, not a test: {@code ./mvnw verify} never runs it (Surefire runs {@code *Test} and
 * {@code *Tests} only). It prints how long the extractive answerer takes per question, in process
 * (cutting passages, building the Lucene index, ranking, choosing), after a warm-up, for a short and
 * a long article. Wall-clock latency suffers from whatever else runs on the machine; the thread's
 * CPU time per question, printed beside it, much less so. Run it alone:
 *
 * <pre>./mvnw -q -pl assistant-service -am test -Dtest=AnswerLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class AnswerLatencyBenchmark {

    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final long WARM_UP_NANOS = 20_000_000_000L;
    static final long MEASURE_NANOS = 10_000_000_000L;
    static final String[] QUESTIONS = {
        "How much did the repair cost?",
        "Who is the chief engineer?",
        "What did the mayor say about the new stadium?",
        "How many people signed the petition?"
    };

    final PassageRanker ranker = new PassageRanker();
    final ExtractiveAnswerer answerer = new ExtractiveAnswerer(ExtractiveAnswererTest.DEFAULTS);

    @Test
    void printLatencies() {
        String shortArticle = SampleArticles.BRIDGE;
        StringBuilder longArticle = new StringBuilder();
        for (int i = 0; longArticle.length() < 40_000; i++) {
            longArticle
                    .append((i % 2 == 0 ? SampleArticles.BRIDGE : SampleArticles.LIBRARY).replace("the", "the " + i))
                    .append("\n\n");
        }
        run("bridge article", shortArticle, WARM_UP_NANOS);
        run("40 KB article", longArticle.toString(), WARM_UP_NANOS);
    }

    private void run(String name, String body, long warmUpNanos) {
        loop(body, warmUpNanos);
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long[] samples = loop(body, MEASURE_NANOS);
        double cpuPerQuestion = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e6 / samples.length;
        Arrays.sort(samples);
        System.out.printf(
                "BENCH %s (%d chars, %d passages): %d questions, CPU %.3f ms/question,"
                        + " wall p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                name,
                body.length(),
                Passages.of(body, ExtractiveAnswererTest.DEFAULTS.maxPassageChars())
                        .size(),
                samples.length,
                cpuPerQuestion,
                samples[samples.length / 2] / 1e6,
                samples[(int) (samples.length * 0.99)] / 1e6,
                samples[samples.length - 1] / 1e6);
    }

    private long[] loop(String body, long durationNanos) {
        List<Long> samples = new ArrayList<>();
        long end = System.nanoTime() + durationNanos;
        int i = 0;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            Answer answer = answerer.answer(ranker.rank(
                    Passages.of(body, ExtractiveAnswererTest.DEFAULTS.maxPassageChars()),
                    QUESTIONS[i++ % QUESTIONS.length]));
            samples.add(System.nanoTime() - start);
            if (answer.text().isEmpty()) {
                throw new IllegalStateException("keeps the answer alive for the JIT");
            }
        }
        return samples.stream().mapToLong(Long::longValue).toArray();
    }
}
