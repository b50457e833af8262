package dev.newsroom.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The front end as this module packages it: the files under {@code static/} on the classpath (the
 * build's output, so what the jar holds), addressed by the URL path the gateway serves them at.
 */
final class FrontEnd {

    static final String PAGE = "/index.html";

    private static FrontEnd packaged;

    final Path root;
    final Document page;
    /** The scripts that could be read; the others are in {@link #syntaxErrors}. */
    final Map<String, Script> scripts = new LinkedHashMap<>();

    final List<String> syntaxErrors = new ArrayList<>();

    private FrontEnd(Path root) {
        this.root = root;
        this.page = Jsoup.parse(read(PAGE), "/");
        for (String path : files()) {
            if (path.endsWith(".js")) {
                try {
                    scripts.put(path, new Script(path, read(path)));
                } catch (JsTokens.SyntaxError e) {
                    syntaxErrors.add(e.getMessage());
                }
            }
        }
    }

    /** The packaged front end, read once for every test. */
    static synchronized FrontEnd packaged() {
        if (packaged == null) {
            URL page = FrontEnd.class.getResource("/static" + PAGE);
            if (page == null || !"file".equals(page.getProtocol())) {
                throw new IllegalStateException("static" + PAGE + " is not a file on the test classpath: " + page);
            }
            try {
                packaged = new FrontEnd(Path.of(page.toURI()).getParent());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return packaged;
    }

    /** Every file's URL path, such as {@code /js/api.js}. */
    List<String> files() {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> "/" + root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String path) {
        try {
            return Files.readString(file(path).orElseThrow(() -> new IllegalArgumentException("no file " + path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The URL path a reference in the file at {@code from} leads to, as a browser resolves it, or
     * empty if it leaves this site (another origin, {@code javascript:}, {@code data:}).
     */
    static Optional<String> resolve(String from, String reference) {
        if (reference.startsWith("//") || reference.matches("(?s)^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return Optional.empty();
        }
        String path = reference.split("[?#]", 2)[0];
        if (path.isEmpty()) {
            return Optional.of(from);
        }
        try {
            return Optional.of(URI.create(from)
                    .resolve(new URI(null, null, path, null))
                    .normalize()
                    .getPath());
        } catch (URISyntaxException e) {
            return Optional.of(path);
        }
    }

    /** The file served at a URL path, if this module has one there (and not outside its root). */
    Optional<Path> file(String path) {
        if (path.isEmpty() || path.endsWith("/") || !path.startsWith("/")) {
            return Optional.empty();
        }
        Path file = root.resolve(path.substring(1)).normalize();
        return file.startsWith(root) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
