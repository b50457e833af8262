package dev.newsroom.gateway.edge;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/** Where the per-client token buckets live: one instance's memory, or Redis for all instances. */
public interface ClientBudgets extends AutoCloseable {

    /** Takes one token from the client's bucket: consumed, or how long until one is back. */
    Mono<ConsumptionProbe> take(String client);

    @Override
    default void close() {}

    static BucketConfiguration configuration(EdgeProperties.RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(
                        bandwidth -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.refill(), limit.period()))
                .build();
    }

    /**
     * Buckets in this instance's memory. A bucket that has refilled completely is the same as no
     * bucket, so those are dropped now and then: memory follows the clients active in the last
     * period, not every client ever seen.
     */
    final class Local implements ClientBudgets {

        private static final int SWEEP_EVERY = 10_000;

        private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
        private final BucketConfiguration configuration;
        private final long capacity;
        private long taken;

        public Local(EdgeProperties.RateLimit limit) {
            this.configuration = configuration(limit);
            this.capacity = limit.capacity();
        }

        @Override
        public Mono<ConsumptionProbe> take(String client) {
            Bucket bucket = buckets.computeIfAbsent(client, key -> newBucket());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (++taken % SWEEP_EVERY == 0) {
                buckets.values().removeIf(idle -> idle.getAvailableTokens() >= capacity);
            }
            return Mono.just(probe);
        }

        private Bucket newBucket() {
            var builder = Bucket.builder();
            for (var bandwidth : configuration.getBandwidths()) {
                builder.addLimit(bandwidth);
            }
            return builder.build();
        }
    }

    /**
     * Buckets in Redis (compare-and-swap through Lettuce), shared by every gateway instance. The
     * connection is made on first use, not at start, so a gateway starts (and lets requests through)
     * while Redis is down; a failed attempt is tried again on a later request, at most once per
     * {@link #RECONNECT_PAUSE}. Once connected, Lettuce reconnects by itself.
     */
    final class Redis implements ClientBudgets {

        static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

        private final RedisClient client;
        private final RedisURI address;
        private final Duration expiry;
        private final BucketConfiguration configuration;
        private final AtomicReference<CompletableFuture<AsyncProxyManager<String>>> buckets = new AtomicReference<>();
        private volatile long nextAttempt;
        private volatile StatefulRedisConnection<String, byte[]> connection;

        public Redis(EdgeProperties.RateLimit limit) {
            this.address = RedisURI.create(limit.redisUrl());
            this.client = RedisClient.create();
            this.client.setDefaultTimeout(Duration.ofSeconds(2));
            // An unreachable Redis fails an attempt in a second, not in Lettuce's default ten.
            this.client.setOptions(ClientOptions.builder()
                    .socketOptions(SocketOptions.builder()
                            .connectTimeout(Duration.ofSeconds(1))
                            .build())
                    .build());
            this.expiry = limit.period();
            this.configuration = configuration(limit);
        }

        @Override
        public Mono<ConsumptionProbe> take(String client) {
            return Mono.fromFuture(() -> buckets()
                    .thenCompose(proxies -> proxies.builder()
                            .build("newsroom:rate:" + client, configuration)
                            .tryConsumeAndReturnRemaining(1)));
        }

        private CompletableFuture<AsyncProxyManager<String>> buckets() {
            CompletableFuture<AsyncProxyManager<String>> current = buckets.get();
            boolean failed = current != null && current.isCompletedExceptionally();
            if (current != null && (!failed || System.nanoTime() < nextAttempt)) {
                return current;
            }
            CompletableFuture<AsyncProxyManager<String>> attempt = new CompletableFuture<>();
            if (!buckets.compareAndSet(current, attempt)) {
                return buckets.get();
            }
            client.connectAsync(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), address)
                    .whenComplete((connected, failure) -> {
                        if (failure != null) {
                            nextAttempt = System.nanoTime() + RECONNECT_PAUSE.toNanos();
                            attempt.completeExceptionally(failure);
                            return;
                        }
                        connection = connected;
                        attempt.complete(LettuceBasedProxyManager.builderFor(connected)
                                // A bucket left alone until it would be full again is the same as
                                // none: Redis forgets it.
                                .withExpirationStrategy(
                                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(expiry))
                                .build()
                                .asAsync());
                    });
            return attempt;
        }

        @Override
        public void close() {
            StatefulRedisConnection<String, byte[]> open = connection;
            if (open != null) {
                open.close();
            }
            client.shutdown();
        }
    }
}
