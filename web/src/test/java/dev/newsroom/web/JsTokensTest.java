package dev.newsroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsroom.web.JsTokens.Kind;
import dev.newsroom.web.JsTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer the other tests rely on: it must fail where a browser would, and only there. */
class JsTokensTest {

    @Test
    void readsRegularExpressionsTemplatesAndDivisionApart() {
        List<Token> tokens = JsTokens.of(
                "a.js",
                "const r = [/^\\/article\\/([^/]+)$/];\n"
                        + "const x = a / b / 2; // not a /regex/\n"
                        + "const t = `#/profile/${encodeURIComponent(`${n}`)}?tab=${k ? '}' : \"{\"}`;");

        assertThat(tokens)
                .filteredOn(token -> token.kind == Kind.REGEX)
                .extracting(Token::text)
                .containsExactly("^\\/article\\/([^/]+)$");
        assertThat(tokens)
                .filteredOn(token -> token.kind == Kind.TEMPLATE)
                .extracting(Token::text)
                .containsExactly("#/profile/${}?tab=${}", "${}");
        assertThat(tokens)
                .filteredOn(token -> token.is("const"))
                .extracting(token -> token.line)
                .containsExactly(1, 2, 3);
    }

    @Test
    void failsOnWhatWouldBeASyntaxErrorInTheBrowser() {
        assertThatThrownBy(() -> JsTokens.of("a.js", "function f() {\n  if (x) {\n}\n"))
                .hasMessage("a.js:1: '{' never closed");
        assertThatThrownBy(() -> JsTokens.of("a.js", "h('p', {}, 'text'));")).hasMessage("a.js:1: ')' closes nothing");
        assertThatThrownBy(() -> JsTokens.of("a.js", "const a = [1, 2);"))
                .hasMessage("a.js:1: ')' closes the '[' opened on line 1");
        assertThatThrownBy(() -> JsTokens.of("a.js", "\nconst s = 'open;\n")).hasMessage("a.js:2: string never closed");
        assertThatThrownBy(() -> JsTokens.of("a.js", "const t = `#/article/${slug`;"))
                .hasMessageStartingWith("a.js:1:");
        assertThatThrownBy(() -> JsTokens.of("a.js", "/* note\n")).hasMessage("a.js:1: comment never closed");
    }
}
