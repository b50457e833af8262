package dev.newsroom.gateway.edge;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Buckets in Redis (compare-and-swap through Lettuce), shared by every gateway instance. */
    final class Redis implements ClientBudgets {

        private final RedisClient client;
        private final StatefulRedisConnection<String, byte[]> connection;
        private final AsyncProxyManager<String> buckets;
        private final BucketConfiguration configuration;

        public Redis(EdgeProperties.RateLimit limit) {
            this.client = RedisClient.create(limit.redisUrl());
            this.client.setDefaultTimeout(Duration.ofSeconds(2));
            this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            this.buckets = LettuceBasedProxyManager.builderFor(connection)
                    // A bucket left alone until it would be full again is the same as none: Redis forgets it.
                    .withExpirationStrategy(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(limit.period()))
                    .build()
                    .asAsync();
            this.configuration = configuration(limit);
        }

        @Override
        public Mono<ConsumptionProbe> take(String client) {
            return Mono.fromFuture(() -> buckets.builder()
                    .build("newsroom:rate:" + client, configuration)
                    .tryConsumeAndReturnRemaining(1));
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }
}
