package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedJournalTest {

    @TempDir
    Path dataDir;

    @Test
    void whatIsAppendedIsReadBackInOrderByTheNextStart() {
        SeedJournal journal = new SeedJournal(dataDir);
        journal.create();
        journal.begun("article:solar");
        journal.done("article:solar", "rooftop-solar");
        journal.done("bio:mei", null);
        journal.complete();

        assertThat(new SeedJournal(dataDir).read())
                .containsExactly(
                        new SeedJournal.Entry(SeedJournal.Event.BEGUN, "article:solar", null),
                        new SeedJournal.Entry(SeedJournal.Event.DONE, "article:solar", "rooftop-solar"),
                        new SeedJournal.Entry(SeedJournal.Event.DONE, "bio:mei", null),
                        new SeedJournal.Entry(SeedJournal.Event.COMPLETE, null, null));
    }

    @Test
    void aLineCutShortByACrashIsIgnored() throws IOException {
        SeedJournal journal = new SeedJournal(dataDir);
        journal.begun("comment:nb1");
        Files.writeString(dataDir.resolve(SeedJournal.FILE_NAME), "do", StandardOpenOption.APPEND);

        assertThat(journal.read()).containsExactly(new SeedJournal.Entry(SeedJournal.Event.BEGUN, "comment:nb1", null));
    }

    @Test
    void noJournalUntilOneIsCreated() {
        SeedJournal journal = new SeedJournal(dataDir);

        assertThat(journal.exists()).isFalse();
        assertThat(journal.read()).isEmpty();
        journal.create();
        assertThat(journal.exists()).isTrue();
        assertThat(journal.read()).isEmpty();
    }
}
