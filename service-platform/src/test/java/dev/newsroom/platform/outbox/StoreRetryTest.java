package dev.newsroom.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import reactor.core.publisher.Mono;

class StoreRetryTest {

    private static final ServerId SERVER = new ServerId(new ClusterId(), new ServerAddress("127.0.0.1", 27017));

    @Test
    void anOperationRefusedUnsentIsTriedAgainAndOneThatMayHaveAppliedIsNot() {
        AtomicInteger attempts = new AtomicInteger();
        Mono<String> paused = Mono.defer(() -> attempts.incrementAndGet() < 3
                ? Mono.error(new UncategorizedMongoDbException(
                        "pool paused", new MongoConnectionPoolClearedException(SERVER, null)))
                : Mono.just("applied once"));
        assertThat(paused.retryWhen(StoreRetry.unsent()).block()).isEqualTo("applied once");
        assertThat(attempts).hasValue(3);

        AtomicInteger sent = new AtomicInteger();
        Mono<String> lostReply = Mono.defer(() -> {
            sent.incrementAndGet();
            return Mono.error(new MongoSocketReadException("closed", SERVER.getAddress()));
        });
        assertThatThrownBy(() -> lostReply.retryWhen(StoreRetry.unsent()).block())
                .isInstanceOf(MongoSocketReadException.class);
        assertThat(sent).as("whether it applied is unknown: not again").hasValue(1);
    }
}
