// Load generator of bench/trending-ingest.sh (run as a single-file Java program with the Kafka
// client on the classpath). Produces article view events at a controlled rate into the broker,
// probes freshness through trending-service's API and samples the consumer group's lag.
// Not part of the build: see bench/README.md.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class TrendingIngest {

    static final String VIEWS = "newsroom.article-views.v1";
    static final String ARTICLES = "newsroom.articles.v1";
    static final String GROUP = "trending-service";
    static final Pattern VIEWS_FIELD = Pattern.compile("\"views\":(\\d+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String bootstrap = options.get("bootstrap");
        String service = options.get("service");
        int rate = Integer.parseInt(options.getOrDefault("rate", "25000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "60"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "60"));
        int articles = Integer.parseInt(options.getOrDefault("articles", "1000"));
        int viewers = Integer.parseInt(options.getOrDefault("viewers", "200000"));

        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config);
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        // The articles, each with two of 20 tags, and one probe article in a tag of its own.
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            publish(producer, id, "bench-" + i, List.of("tag" + (i % 20), "tag" + ((i * 7) % 20)));
        }
        String probeId = UUID.randomUUID().toString();
        String probeTag = "probe" + probeId.substring(0, 8);
        publish(producer, probeId, "bench-probe", List.of(probeTag));
        producer.flush();
        System.err.printf("published %d articles and the probe (tag %s)%n", articles, probeTag);

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong produced = new AtomicLong();
        List<Long> freshness = Collections.synchronizedList(new ArrayList<>());
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());

        Thread load = new Thread(() -> produceViews(producer, ids, viewers, rate, running, produced), "load");
        load.start();
        Thread probe = new Thread(
                () -> probe(producer, http, service, probeId, probeTag, running, measuring, freshness), "probe");
        probe.start();

        System.err.printf("warming up for %d s at %d views/s%n", warmup, rate);
        long lagSample = System.nanoTime();
        long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            Thread.sleep(1000);
            System.err.printf("  warm-up: produced %d, lag %d%n", produced.get(), lag(admin));
        }
        // A cold JVM falls behind while it compiles; measure the steady state, not that backlog: warm
        // up for at most as long again until the lag stays under one second of events.
        long settled = settle(admin, produced, rate, warmup);
        System.out.printf("warm-up:             %d s at the offered rate, then %s%n", warmup,
                settled >= 0 ? settled + " s more until the lag stayed under one second of events"
                        : "the lag still exceeded one second of events after " + warmup + " s more");
        List<Long> pids = new ArrayList<>();
        for (String pid : options.getOrDefault("pids", "").split("[ ,]+")) {
            if (!pid.isBlank()) {
                pids.add(Long.parseLong(pid.trim()));
            }
        }
        pids.add(ProcessHandle.current().pid());
        long[] cpuStart = cpu(pids);
        long startCommitted = committed(admin);
        long startProduced = produced.get();
        long start = System.nanoTime();
        measuring.set(true);
        System.err.printf("measuring for %d s%n", duration);
        long end = start + duration * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(1000);
            long lag = lag(admin);
            lags.add(lag);
            System.err.printf("  produced %d, lag %d%n", produced.get(), lag);
        }
        long elapsed = System.nanoTime() - start;
        long[] cpuEnd = cpu(pids);
        long endCommitted = committed(admin);
        long endProduced = produced.get();
        measuring.set(false);
        running.set(false);
        load.join();
        probe.join();

        double seconds = elapsed / 1e9;
        List<Long> sortedFresh = new ArrayList<>(freshness);
        Collections.sort(sortedFresh);
        List<Long> sortedLag = new ArrayList<>(lags);
        Collections.sort(sortedLag);
        System.out.printf("offered rate:        %.0f views/s (target %d)%n", (endProduced - startProduced) / seconds, rate);
        System.out.printf("sustained ingest:    %.0f events/s (committed by the trending-service group)%n",
                (endCommitted - startCommitted) / seconds);
        System.out.printf("consumer lag:        median %d, max %d, at end %d records (sampled every second)%n",
                percentile(sortedLag, 50), percentile(sortedLag, 100), lags.isEmpty() ? -1 : lags.get(lags.size() - 1));
        System.out.printf("freshness:           p50 %d ms, p99 %d ms, max %d ms over %d probes%n",
                percentile(sortedFresh, 50), percentile(sortedFresh, 99), percentile(sortedFresh, 100), sortedFresh.size());
        long total = cpuEnd[1] - cpuStart[1];
        long other = (cpuEnd[0] - cpuStart[0]) - (cpuEnd[2] - cpuStart[2]);
        System.out.printf("other CPU:           %.0f %% of the machine's CPU time went to processes other than the"
                + " broker, store, service and load generator during the measured period%n",
                total > 0 ? Math.max(0, 100.0 * other / total) : 0.0);
        producer.close(Duration.ofSeconds(5));
        admin.close();
    }

    /** Busy and total ticks of the machine (/proc/stat), and the user + system ticks of {@code pids}. */
    static long[] cpu(List<Long> pids) {
        try {
            String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                long value = Long.parseLong(fields[i]);
                total += value;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += value;
                }
            }
            long ours = 0;
            for (long pid : pids) {
                try {
                    String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ours += Long.parseLong(after[11]) + Long.parseLong(after[12]);
                } catch (Exception gone) {
                    // a process that ended has no more ticks to count
                }
            }
            return new long[] {busy, total, ours};
        } catch (Exception unreadable) {
            return new long[] {0, 0, 0};
        }
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static void produceViews(
            KafkaProducer<String, byte[]> producer,
            List<String> ids,
            int viewers,
            int rate,
            AtomicBoolean running,
            AtomicLong produced) {
        SplittableRandom random = new SplittableRandom(42);
        long tickNanos = 10_000_000L; // 100 ticks a second
        double perTick = rate / 100.0;
        double owed = 0;
        long next = System.nanoTime();
        while (running.get()) {
            owed += perTick;
            Instant now = Instant.now();
            String viewedAt = now.toString();
            while (owed >= 1) {
                owed -= 1;
                // Skewed popularity: a few articles get most views.
                double u = random.nextDouble();
                String id = ids.get((int) (ids.size() * u * u * u));
                String viewer = Long.toHexString(0x1000000000000000L + random.nextInt(viewers)) + "feedc0de";
                String json = "{\"articleId\":\"" + id + "\",\"viewerKey\":\"" + viewer + "\",\"viewedAt\":\""
                        + viewedAt + "\"}";
                producer.send(record(VIEWS, id, "newsroom.article.viewed.v1", json));
                produced.incrementAndGet();
            }
            next += tickNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Seconds until the lag was below one second of events three samples running, or -1. */
    static long settle(Admin admin, AtomicLong produced, int rate, long limitSeconds) throws Exception {
        long started = System.nanoTime();
        long limit = started + limitSeconds * 1_000_000_000L;
        int below = 0;
        while (System.nanoTime() < limit) {
            long lag = lag(admin);
            below = lag < rate ? below + 1 : 0;
            if (below == 3) {
                return (System.nanoTime() - started) / 1_000_000_000L;
            }
            System.err.printf("  settling: produced %d, lag %d%n", produced.get(), lag);
            Thread.sleep(1000);
        }
        return -1;
    }

    /**
     * Sends one view of the probe article at a time and waits until the API of every instance
     * ({@code service}: comma-separated base URLs) counts it: with several instances, one of them
     * ingested it and the others learned it from that one, which is what freshness must include.
     */
    static void probe(
            KafkaProducer<String, byte[]> producer,
            HttpClient http,
            String service,
            String probeId,
            String probeTag,
            AtomicBoolean running,
            AtomicBoolean measuring,
            List<Long> freshness) {
        List<URI> uris = new ArrayList<>();
        for (String base : service.split(",")) {
            uris.add(URI.create(base.trim() + "/api/trending?window=24h&limit=1&tag=" + probeTag));
        }
        long sent = 0;
        while (running.get()) {
            long slot = System.nanoTime() + 250_000_000L;
            sent++;
            String json = "{\"articleId\":\"" + probeId + "\",\"viewerKey\":\"probe-viewer-" + sent
                    + "-0000\",\"viewedAt\":\"" + Instant.now() + "\"}";
            long sentAt = System.nanoTime();
            producer.send(record(VIEWS, probeId, "newsroom.article.viewed.v1", json));
            boolean counted = measuring.get();
            long deadline = sentAt + 30_000_000_000L;
            List<URI> waiting = new ArrayList<>(uris);
            while (running.get() && System.nanoTime() < deadline) {
                long expected = sent;
                waiting.removeIf(uri -> views(http, uri) >= expected);
                if (waiting.isEmpty()) {
                    if (counted && measuring.get()) {
                        freshness.add((System.nanoTime() - sentAt) / 1_000_000);
                    }
                    break;
                }
                sleepMillis(20);
            }
            long rest = slot - System.nanoTime();
            if (rest > 0) {
                sleepMillis(rest / 1_000_000);
            }
        }
    }

    static long views(HttpClient http, URI uri) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher matcher = VIEWS_FIELD.matcher(response.body());
            return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions(admin); p++) {
            latest.put(new TopicPartition(VIEWS, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get();
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    static long committed(Admin admin) throws Exception {
        long sum = 0;
        for (var entry : admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().entrySet()) {
            if (entry.getKey().topic().equals(VIEWS) && entry.getValue() != null) {
                sum += entry.getValue().offset();
            }
        }
        return sum;
    }

    static int partitions(Admin admin) throws Exception {
        return admin.describeTopics(List.of(VIEWS)).allTopicNames().get().get(VIEWS).partitions().size();
    }

    static void publish(KafkaProducer<String, byte[]> producer, String id, String slug, List<String> tags) {
        String now = Instant.now().toString();
        StringBuilder tagList = new StringBuilder();
        for (String tag : tags) {
            tagList.append(tagList.length() == 0 ? "" : ",").append('"').append(tag).append('"');
        }
        String json = "{\"articleId\":\"" + id + "\",\"slug\":\"" + slug + "-" + id.substring(0, 6)
                + "\",\"title\":\"Bench " + slug + "\",\"description\":\"A benchmark article\",\"body\":\"x\",\"tagList\":["
                + tagList + "],\"authorId\":\"6f1c2d9e-4b1a-4f0e-9a57-3c2b8d7e1f20\",\"createdAt\":\"" + now
                + "\",\"updatedAt\":\"" + now + "\"}";
        producer.send(record(ARTICLES, id, "newsroom.article.published.v1", json));
    }

    static ProducerRecord<String, byte[]> record(String topic, String key, String type, String json) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", UUID.randomUUID().toString());
        add(headers, "ce_source", "/newsroom/article-service");
        add(headers, "ce_type", type);
        add(headers, "ce_time", Instant.now().toString());
        add(headers, "ce_subject", key);
        add(headers, "content-type", "application/json");
        return new ProducerRecord<>(topic, null, key, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
