package dev.newsroom.trending.messaging.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommitMarkTest {

    @Test
    void aMarkReadsBackAsWritten() {
        assertThat(CommitMark.parse(CommitMark.of(3, 1_800_000_000_000L)))
                .isEqualTo(new CommitMark(3, 1_800_000_000_000L));
    }

    @Test
    void aMarkWithoutTimestampHasNone() {
        assertThat(CommitMark.parse("g=4")).isEqualTo(new CommitMark(4, 0));
    }

    @Test
    void metadataThisServiceDidNotWriteIsNoMark() {
        assertThat(CommitMark.parse(null)).isNull();
        assertThat(CommitMark.parse("")).isNull();
        assertThat(CommitMark.parse("g=x;t=1")).isNull();
    }
}
