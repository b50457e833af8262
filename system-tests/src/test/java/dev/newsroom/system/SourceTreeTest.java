package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of the one skeleton (docs/architecture.md) that only the whole tree can check: the
 * per-service rules run in each service's own build ({@code ServiceSkeletonChecks}); these look
 * across modules, at the main sources every future service will copy from.
 */
class SourceTreeTest {

    /** Past this a class is doing several jobs; split it (the skeleton's limit). */
    private static final int MAX_LINES = 300;

    /** The one class that spells the CloudEvents Kafka header names. */
    private static final String HEADER_OWNER = "CloudEventHeaders.java";

    /** The modules every service compiles against. */
    private static final Set<String> SHARED = Set.of("service-platform", "contracts", "embedded-infra");

    private static final Path HOME = RunningSuite.home();

    @Test
    void noMainClassIsLongerThanThreeHundredLines() {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file : mainSources()) {
            long lines = lines(file).size();
            if (lines > MAX_LINES) {
                tooLong.put(HOME.relativize(file).toString(), lines);
            }
        }
        assertThat(tooLong).as("main classes over %d lines", MAX_LINES).isEmpty();
    }

    /**
     * A name means one thing where classes meet: within a module, and between a module and the
     * shared ones every service compiles against (a service's own {@code DeadLetters} next to the
     * platform's was two meanings for one name). The same role in two services (each one's {@code
     * ArticleEventsListener}) may share a name: no code sees both.
     */
    @Test
    void noMainClassSharesASimpleNameWithinItsModuleOrWithTheSharedModules() {
        Map<String, List<String>> byName = mainSources().stream()
                .collect(Collectors.groupingBy(
                        file -> file.getFileName().toString(),
                        TreeMap::new,
                        Collectors.mapping(file -> HOME.relativize(file).toString(), Collectors.toList())));
        Map<String, List<String>> clashes = new TreeMap<>();
        byName.forEach((name, files) -> {
            long modules = files.stream().map(SourceTreeTest::module).distinct().count();
            boolean shared = files.stream().map(SourceTreeTest::module).anyMatch(SHARED::contains);
            if (files.size() > 1 && (modules < files.size() || shared)) {
                clashes.put(name, files);
            }
        });

        assertThat(clashes).as("simple names with two meanings").isEmpty();
    }

    @Test
    void onlyOneClassSpellsTheCloudEventsHeaderNames() {
        List<String> spelling = mainSources().stream()
                .filter(file -> !file.getFileName().toString().equals(HEADER_OWNER))
                .filter(file -> lines(file).stream().anyMatch(line -> line.contains("\"ce_")))
                .map(file -> HOME.relativize(file).toString())
                .toList();

        assertThat(spelling)
                .as("main classes that spell a ce_ header instead of using " + HEADER_OWNER)
                .isEmpty();
    }

    private static String module(String relativePath) {
        return relativePath.substring(0, relativePath.indexOf('/'));
    }

    private static List<Path> mainSources() {
        try (Stream<Path> modules = Files.list(HOME)) {
            return modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(SourceTreeTest::javaFiles)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
