package dev.newsroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.web.JsTokens.Kind;
import dev.newsroom.web.JsTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The gateway sends every page with a Content-Security-Policy ({@code SecurityHeaders} in the
 * gateway) of {@code default-src 'self'; script-src 'self'; connect-src 'self'} among others, with
 * no {@code 'unsafe-inline'} and no {@code 'unsafe-eval'} for scripts. A browser silently refuses
 * what breaks it, and the page just does not work: so no inline script or event handler, no
 * {@code javascript:} URL, no code built from strings, no request to another origin.
 */
class ContentSecurityPolicyTest {

    private static final Pattern HANDLER_IN_MARKUP = Pattern.compile("(?i)<script|\\son[a-z]+\\s*=");
    /** {@code onclick}, {@code oninput}…: not {@code one} or {@code only}. */
    private static final Pattern HANDLER_NAME = Pattern.compile("(?i)on[a-z]{3,}");

    private static final Set<String> REQUESTS = Set.of("fetch", "EventSource", "WebSocket");

    private final FrontEnd frontEnd = FrontEnd.packaged();

    @Test
    void thePageHasNoInlineScriptOrHandler() {
        List<String> problems = new ArrayList<>();
        for (Element script : frontEnd.page.select("script")) {
            if (!script.hasAttr("src") || !script.data().isBlank()) {
                problems.add("inline script: " + script.outerHtml());
            }
        }
        for (Element element : frontEnd.page.getAllElements()) {
            element.attributes().forEach(attribute -> {
                if (attribute.getKey().toLowerCase().startsWith("on")) {
                    problems.add("inline event handler: " + element.outerHtml());
                }
                if (attribute.getValue().trim().toLowerCase().startsWith("javascript:")) {
                    problems.add("javascript: URL: " + element.outerHtml());
                }
            });
        }
        assertThat(frontEnd.page.select("script[src]")).as("the page's scripts").isNotEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void theScriptsBuildNoCodeFromStrings() {
        List<String> problems = new ArrayList<>();
        for (Script script : frontEnd.scripts.values()) {
            List<Token> tokens = script.tokens;
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                String where = script.path + ":" + token.line + ": ";
                Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                Token argument = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
                boolean called = next != null
                        && next.is("(")
                        && !(i > 0 && tokens.get(i - 1).is("."));
                if (token.is("eval") && called) {
                    problems.add(where + "eval()");
                } else if (token.is("Function")
                        && (called || i > 0 && tokens.get(i - 1).is("new"))) {
                    problems.add(where + "Function constructor");
                } else if ((token.is("setTimeout") || token.is("setInterval"))
                        && next != null
                        && next.is("(")
                        && argument != null
                        && argument.isLiteral()) {
                    problems.add(where + token.text() + " with code in a string");
                } else if (token.is("setAttribute")
                        && next != null
                        && next.is("(")
                        && argument != null
                        && argument.kind == Kind.STRING
                        && HANDLER_NAME.matcher(argument.text()).matches()) {
                    problems.add(where + "setAttribute('" + argument.text() + "', …): an inline event handler");
                } else if ((token.kind == Kind.WORD || token.kind == Kind.STRING)
                        && HANDLER_NAME.matcher(token.text()).matches()
                        && next != null
                        && next.is(":")
                        && argument != null
                        && argument.isLiteral()) {
                    // h('button', { onclick: 'save()' }) sets an attribute: an inline handler.
                    problems.add(where + token.text() + ": '" + argument.text() + "' is an inline event handler");
                } else if (token.isLiteral()
                        && HANDLER_IN_MARKUP.matcher(token.text()).find()) {
                    problems.add(where + "markup with a script or an event handler: " + token.text());
                } else if (token.isLiteral()
                        && token.text().trim().toLowerCase().startsWith("javascript:")) {
                    problems.add(where + "javascript: URL");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theScriptsCallOnlyThisOrigin() {
        List<String> problems = new ArrayList<>();
        int requests = 0;
        for (Script script : frontEnd.scripts.values()) {
            List<Token> tokens = script.tokens;
            for (int i = 0; i + 2 < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.kind == Kind.WORD
                        && REQUESTS.contains(token.text())
                        && tokens.get(i + 1).is("(")) {
                    requests++;
                    Token target = tokens.get(i + 2);
                    if (target.isLiteral()
                            && FrontEnd.resolve("/", target.text()).isEmpty()) {
                        problems.add(script.path + ":" + token.line + ": " + token.text() + "('" + target.text()
                                + "'): another origin, which connect-src 'self' blocks");
                    }
                }
            }
        }
        assertThat(requests).as("fetch and EventSource calls found").isGreaterThan(0);
        assertThat(problems).isEmpty();
    }
}
