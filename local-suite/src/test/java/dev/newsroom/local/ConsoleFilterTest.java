package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleFilterTest {

    private static final String SPRING_INFO = "2026-12-06T09:19:31.121Z  INFO 5467 --- [comment-service] [main] []"
            + " o.a.kafka.common.config.AbstractConfig   : ProducerConfig values: ";
    private static final String SPRING_WARN = "2026-12-06T09:20:19.736Z  WARN 5467 --- [comment-service] [main] []"
            + " d.n.comment.Something : the outbox is behind";
    private static final String SPRING_ERROR = "2026-12-06T09:20:19.736Z ERROR 5467 --- [comment-service] [main] []"
            + " o.s.boot.SpringApplication : Application run failed";

    private final ConsoleFilter filter = new ConsoleFilter(false, "logs/comment-service.log");

    private List<String> feed(String... lines) {
        List<String> shown = new ArrayList<>();
        for (String line : lines) {
            shown.addAll(filter.accept(line));
        }
        return shown;
    }

    @Test
    void infoLinesTheirContinuationsAndTheBannerStayInTheLog() {
        assertThat(feed(
                        "  .   ____          _            __ _ _",
                        "  :: Spring Boot ::   v4.0.7",
                        SPRING_INFO,
                        "\tacks = -1",
                        "\tbootstrap.servers = [127.0.0.1:9092]",
                        "READY kafka 127.0.0.1:9092"))
                .isEmpty();
    }

    @Test
    void warningsAndErrorsReachTheConsoleWithTheStartOfTheirStackTrace() {
        List<String> shown = feed(
                SPRING_WARN,
                SPRING_INFO,
                "\tacks = -1",
                SPRING_ERROR,
                "java.lang.IllegalStateException: no store",
                "\tat a.B.c(B.java:1)",
                "\tat a.B.d(B.java:2)",
                "\tat a.B.e(B.java:3)",
                "\tat a.B.f(B.java:4)");

        assertThat(shown)
                .containsExactly(
                        SPRING_WARN,
                        SPRING_ERROR,
                        "java.lang.IllegalStateException: no store",
                        "\tat a.B.c(B.java:1)",
                        "\tat a.B.d(B.java:2)",
                        "    ... (the rest in logs/comment-service.log)");
    }

    @Test
    void theInfrastructuresFormatAndTheJvmsOwnWarningsAreRecognised() {
        assertThat(feed(
                        "09:20:52.529 INFO  o.a.k.c.NetworkClient - connected",
                        "09:20:52.529 WARN  o.a.k.c.NetworkClient - disk is slow",
                        "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes"))
                .containsExactly(
                        "09:20:52.529 WARN  o.a.k.c.NetworkClient - disk is slow",
                        "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes");
    }

    @Test
    void warningsEveryLocalStartWritesStayInTheLog() {
        assertThat(feed(
                        "09:20:12.221 WARN  d.b.m.b.AbstractMongoDatabase - adding secondary index with keys"
                                + " [IndexKey[key=expiresAt ASC]] is not yet implemented. ignoring",
                        "2026-12-06T09:20:08.075Z  WARN 5470 --- [trending-service] [ingest] [] org.apache.kafka"
                                + ".clients.NetworkClient : [Consumer clientId=c-1] The metadata response from the"
                                + " cluster reported a recoverable issue with correlation id 7 :"
                                + " {newsroom.articles.v1=LEADER_NOT_AVAILABLE}"))
                .isEmpty();
    }

    @Test
    void aProcessThatKeepsWarningIsCutOffWithAPointerToItsLog() {
        List<String> shown = feed(SPRING_WARN, SPRING_WARN, SPRING_WARN, SPRING_WARN, SPRING_WARN, SPRING_ERROR);

        assertThat(shown)
                .containsExactly(
                        SPRING_WARN,
                        SPRING_WARN,
                        SPRING_WARN,
                        "(further warnings only in logs/comment-service.log)",
                        SPRING_ERROR);
    }

    @Test
    void verboseShowsEveryLine() {
        ConsoleFilter verbose = new ConsoleFilter(true, "log");

        assertThat(verbose.accept(SPRING_INFO)).containsExactly(SPRING_INFO);
        assertThat(verbose.accept("\tacks = -1")).containsExactly("\tacks = -1");
    }

    @Test
    void prometheusInfoLinesStayInTheLogAndItsWarningsAndErrorsReachTheConsole() {
        String info = "ts=2026-12-07T03:30:00.000Z caller=main.go:585 level=info msg=\"Starting Prometheus Server\"";
        String error = "ts=2026-12-07T03:30:01.000Z caller=main.go:1234 level=error msg=\"Error loading config\"";

        assertThat(feed(info, error)).containsExactly(error);
    }
}
