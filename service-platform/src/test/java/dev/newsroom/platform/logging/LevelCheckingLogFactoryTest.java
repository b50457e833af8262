package dev.newsroom.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LevelCheckingLogFactoryTest {

    @Test
    void commonsLoggingUsesItAndAMessageBelowTheLevelIsNeverRendered() {
        String name = "dev.newsroom.platform.logging.quiet";
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
        AtomicInteger rendered = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                rendered.incrementAndGet();
                return "a message";
            }
        };

        Log log = LogFactory.getLog(name);
        assertThat(log).isInstanceOf(LevelCheckingLogFactory.LevelCheckingLog.class);
        log.trace(message);
        log.debug(message);
        log.debug(message, new IllegalStateException());
        assertThat(rendered).as("below the level").hasValue(0);

        log.info(message);
        log.warn(message, new IllegalStateException());
        assertThat(rendered).as("at or above it").hasValue(2);
    }
}
