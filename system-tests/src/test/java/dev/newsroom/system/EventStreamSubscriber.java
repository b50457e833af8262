package dev.newsroom.system;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Server-Sent Events subscriber, as a browser's {@code EventSource} would be: it keeps every named
 * event it received, in order, so a test can wait for one and count them, and it subscribes again
 * when the stream ends (as {@code EventSource} does), so an instance that goes away mid-stream costs
 * a reconnection, not the events after it. Reading happens on a thread of its own; {@link #close()}
 * ends the connection.
 */
final class EventStreamSubscriber implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration RECONNECT_DELAY = Duration.ofMillis(500);

    /** One event: its {@code event:} name and its {@code data:} lines joined. */
    record Event(String name, String data) {}

    private final String url;
    private final List<Event> events = new ArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile boolean closed;

    private EventStreamSubscriber(String url, Stream<String> lines) {
        this.url = url;
        this.lines = lines;
        this.reader = new Thread(this::readUntilClosed, "sse " + url);
        reader.setDaemon(true);
        reader.start();
    }

    /** Subscribes and returns once the stream's answer (its status, then its events) has begun. */
    static EventStreamSubscriber open(String url) throws Exception {
        HttpResponse<Stream<String>> response = subscribe(url);
        if (response.statusCode() != 200) {
            response.body().close();
            throw new AssertionError(url + " answered " + response.statusCode());
        }
        return new EventStreamSubscriber(url, response.body());
    }

    private static HttpResponse<Stream<String>> subscribe(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    private void readUntilClosed() {
        while (!closed) {
            read(lines);
            while (!closed) {
                try {
                    Thread.sleep(RECONNECT_DELAY.toMillis());
                    HttpResponse<Stream<String>> response = subscribe(url);
                    if (response.statusCode() == 200 && !closed) {
                        lines = response.body();
                        break;
                    }
                    response.body().close();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception notYet) {
                    // Asked again after the delay, as EventSource does.
                }
            }
        }
    }

    private void read(Stream<String> stream) {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (var iterator = stream.iterator(); iterator.hasNext(); ) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n")
                            .append(line.substring("data:".length()).stripLeading());
                }
            }
        } catch (UncheckedIOException | IllegalStateException ended) {
            // The stream ended or was closed.
        }
    }

    private synchronized void add(Event event) {
        events.add(event);
        notifyAll();
    }

    /** Every event received so far, in order. */
    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until the events received satisfy {@code done}, at most {@code patience}; says whether they did. */
    synchronized boolean await(Predicate<List<Event>> done, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!done.test(events)) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return false;
            }
            wait(Math.min(left, 200));
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        try {
            lines.close();
        } catch (RuntimeException alreadyClosed) {
            // Nothing more to end.
        }
        reader.interrupt();
    }
}
