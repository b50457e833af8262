package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is short and points to {@code docs/} for the detail, so a broken or missing link is the
 * documentation failing a newcomer: every relative link in the README and in {@code docs/} must name
 * a file that exists, and every page of {@code docs/} must be reachable from the README.
 */
class DocumentationLinksTest {

    /** {@code [text](target)} and {@code ![alt](target)}; the target up to a space, {@code #} or {@code )}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]*)(#[^)\\s]*)?\\)");

    private static final Path HOME = RunningSuite.home();

    @Test
    void everyRelativeLinkInTheReadmeAndDocsNamesAFileThatExists() {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            for (String target : relativeLinks(page)) {
                if (!Files.exists(page.getParent().resolve(target).normalize())) {
                    broken.add(HOME.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }

    @Test
    void everyPageOfDocsIsLinkedFromTheReadme() {
        Path readme = HOME.resolve("README.md");
        Set<Path> linked = new TreeSet<>();
        for (String target : relativeLinks(readme)) {
            linked.add(HOME.resolve(target).normalize());
        }
        List<Path> docs = pages().stream()
                .filter(page -> page.getParent().equals(HOME.resolve("docs")))
                .toList();

        assertThat(docs).as("pages in docs/").isNotEmpty();
        assertThat(docs).as("pages of docs/ the README links to").allMatch(linked::contains);
    }

    @Test
    void theReadmeShowsTheTwoCommandsAndAnImageThatExists() throws IOException {
        String readme = Files.readString(HOME.resolve("README.md"));

        assertThat(readme).contains("./local-suite.sh\n").contains("./mvnw verify\n");
        assertThat(relativeLinks(HOME.resolve("README.md")))
                .as("the README's links")
                .anyMatch(target -> target.endsWith(".png"));
    }

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(HOME.resolve("README.md")));
        try (Stream<Path> docs = Files.list(HOME.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    private static List<String> relativeLinks(Path page) {
        String text;
        try {
            text = Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> targets = new ArrayList<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            String target = matcher.group(1);
            if (!target.isEmpty() && !target.contains("://") && !target.startsWith("mailto:")) {
                targets.add(target);
            }
        }
        return targets;
    }
}
