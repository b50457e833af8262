package dev.newsroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.web.JsTokens.Kind;
import dev.newsroom.web.JsTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * What the page and the scripts point at must be there: the files the page loads, the elements the
 * scripts look up or name by id, and the hash routes the links lead to. Each of these fails only in
 * a browser otherwise, and quietly: a missing stylesheet, a {@code null} element, a "Page not found".
 */
class PageReferencesTest {

    /** Attributes whose value is one or more element ids. */
    private static final Set<String> ID_ATTRIBUTES =
            Set.of("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list", "form");

    private static final Pattern CSS_URL =
            Pattern.compile("url\\(\\s*['\"]?([^'\")\\s]+)['\"]?\\s*\\)|@import\\s+['\"]([^'\"]+)['\"]");
    private static final Pattern ID_SELECTOR = Pattern.compile("#([A-Za-z_][\\w-]*)");

    private final FrontEnd frontEnd = FrontEnd.packaged();

    @Test
    void everyFileThePageLoadsIsInTheFrontEnd() {
        List<String> problems = new ArrayList<>();
        // Links (<a>) are not loaded, and may lead to what the gateway serves besides these files.
        for (Element tag : frontEnd.page.select("script[src], link[href], img[src], source[src], iframe[src]")) {
            String reference = tag.hasAttr("src") ? tag.attr("src") : tag.attr("href");
            Optional<String> path = FrontEnd.resolve(FrontEnd.PAGE, reference);
            if (path.isEmpty()) {
                problems.add(tag.outerHtml() + ": from another origin, which the Content-Security-Policy blocks");
            } else if (frontEnd.file(path.get()).isEmpty()) {
                problems.add(tag.outerHtml() + ": no file " + path.get());
            }
        }
        assertThat(frontEnd.page.select("link[rel=stylesheet]"))
                .as("the page's stylesheet")
                .isNotEmpty();
        for (String stylesheet : frontEnd.files()) {
            if (!stylesheet.endsWith(".css")) {
                continue;
            }
            Matcher url = CSS_URL.matcher(frontEnd.read(stylesheet));
            while (url.find()) {
                String reference = url.group(1) != null ? url.group(1) : url.group(2);
                if (reference.startsWith("data:")) {
                    continue;
                }
                Optional<String> path = FrontEnd.resolve(stylesheet, reference);
                if (path.isEmpty() || frontEnd.file(path.get()).isEmpty()) {
                    problems.add(stylesheet + ": " + url.group() + " names no file of the front end");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyIdLookedUpOrReferencedExists() {
        Set<String> known = new LinkedHashSet<>();
        frontEnd.page.select("[id]").forEach(element -> known.add(element.id()));
        List<String> referenced = new ArrayList<>();
        for (Element element : frontEnd.page.getAllElements()) {
            element.attributes().forEach(attribute -> {
                if (ID_ATTRIBUTES.contains(attribute.getKey())) {
                    for (String id : attribute.getValue().trim().split("\\s+")) {
                        referenced.add(FrontEnd.PAGE + ": " + attribute.getKey() + " " + id);
                    }
                } else if (attribute.getKey().equals("href")
                        && attribute.getValue().startsWith("#")
                        && !attribute.getValue().startsWith("#/")) {
                    referenced.add(
                            FrontEnd.PAGE + ": href " + attribute.getValue().substring(1));
                }
            });
        }
        for (Script script : frontEnd.scripts.values()) {
            List<Token> tokens = script.tokens;
            for (int i = 0; i + 2 < tokens.size(); i++) {
                Token token = tokens.get(i);
                Token next = tokens.get(i + 1);
                Token value = tokens.get(i + 2);
                String where = script.path + ":" + token.line + ": ";
                boolean key = token.kind == Kind.WORD || token.kind == Kind.STRING;
                if (key && token.text().equals("id") && next.is(":") && value.kind == Kind.STRING) {
                    known.add(value.text()); // h('h2', { id: 'comments-heading' })
                } else if (token.is(".") && next.is("id") && value.is("=") && kind(tokens, i + 3) == Kind.STRING) {
                    known.add(tokens.get(i + 3).text()); // element.id = 'x'
                } else if (token.is("setAttribute") && next.is("(") && value.kind == Kind.STRING) {
                    if (value.text().equals("id") && kind(tokens, i + 4) == Kind.STRING) {
                        known.add(tokens.get(i + 4).text());
                    } else if (ID_ATTRIBUTES.contains(value.text()) && kind(tokens, i + 4) == Kind.STRING) {
                        ids(tokens.get(i + 4).text()).forEach(id -> referenced.add(where + value.text() + " " + id));
                    }
                } else if (key && ID_ATTRIBUTES.contains(token.text()) && next.is(":") && value.kind == Kind.STRING) {
                    ids(value.text()).forEach(id -> referenced.add(where + token.text() + " " + id));
                } else if (token.is("getElementById") && next.is("(") && value.kind == Kind.STRING) {
                    referenced.add(where + "getElementById " + value.text());
                } else if ((token.is("querySelector") || token.is("querySelectorAll") || token.is("closest"))
                        && next.is("(")
                        && value.kind == Kind.STRING) {
                    // '#nav a' names nav; attribute values ([data-id="…"]) name nothing.
                    Matcher id = ID_SELECTOR.matcher(value.text().replaceAll("\\[[^]]*]", ""));
                    while (id.find()) {
                        referenced.add(where + token.text() + " " + id.group(1));
                    }
                }
            }
        }
        assertThat(referenced).as("ids the page and scripts reference").isNotEmpty();
        assertThat(referenced)
                .as("references to ids neither the page nor a script creates (known: %s)", known)
                .filteredOn(reference -> !known.contains(reference.substring(reference.lastIndexOf(' ') + 1)))
                .isEmpty();
    }

    @Test
    void everyHashLinkLeadsToARoute() {
        List<Pattern> routes = routes();
        assertThat(routes).as("the routes of /app.js").hasSizeGreaterThan(3);
        List<String> problems = new ArrayList<>();
        for (Element link : frontEnd.page.select("a[href^=#/]")) {
            if (!leadsToRoute(routes, link.attr("href"), false)) {
                problems.add(FrontEnd.PAGE + ": " + link.outerHtml());
            }
        }
        int checked = 0;
        for (Script script : frontEnd.scripts.values()) {
            for (Token token : script.tokens) {
                if (token.isLiteral() && token.text().startsWith("#/")) {
                    checked++;
                    if (!leadsToRoute(routes, token.text(), token.kind == Kind.TEMPLATE)) {
                        problems.add(script.path + ":" + token.line + ": " + token.text());
                    }
                }
            }
        }
        assertThat(checked).as("hash links found in the scripts").isGreaterThan(5);
        assertThat(problems).as("links to hash routes app.js does not have").isEmpty();
    }

    /**
     * Whether a route matches the link's path (before {@code ?}). For a template, the text up to its
     * first {@code ${}} must be the start of a path some route matches.
     */
    private static boolean leadsToRoute(List<Pattern> routes, String link, boolean template) {
        String path = link.substring(1).split("\\?", 2)[0];
        boolean partial = template && path.contains("${}");
        String known = partial ? path.substring(0, path.indexOf("${}")) : path;
        for (Pattern route : routes) {
            Matcher matcher = route.matcher(known);
            if (matcher.matches() || partial && matcher.hitEnd()) {
                return true;
            }
        }
        return false;
    }

    /** The regular expressions of {@code const routes = [...]} in app.js, as Java patterns. */
    private List<Pattern> routes() {
        List<Token> tokens = frontEnd.scripts.get("/app.js").tokens;
        List<Pattern> routes = new ArrayList<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).is("routes")
                    && tokens.get(i + 1).is("=")
                    && tokens.get(i + 2).is("[")) {
                int depth = tokens.get(i + 2).depth;
                for (int j = i + 3;
                        j < tokens.size() && !(tokens.get(j).is("]") && tokens.get(j).depth == depth);
                        j++) {
                    if (tokens.get(j).kind == Kind.REGEX) {
                        routes.add(Pattern.compile(tokens.get(j).text()));
                    }
                }
            }
        }
        return routes;
    }

    private static List<String> ids(String value) {
        return List.of(value.trim().split("\\s+"));
    }

    private static Kind kind(List<Token> tokens, int index) {
        return index < tokens.size() ? tokens.get(index).kind : null;
    }
}
