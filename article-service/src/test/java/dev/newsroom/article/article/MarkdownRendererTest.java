package dev.newsroom.article.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void markdownBecomesHtml() {
        assertThat(renderer.toSafeHtml("# Title\n\nSome **bold** and [a link](https://example.org)."))
                .contains("<h1>Title</h1>")
                .contains("<strong>bold</strong>")
                .contains("<a href=\"https://example.org\" rel=\"nofollow noopener\">a link</a>");
    }

    @Test
    void scriptsAndScriptingAttributesNeverSurvive() {
        String html = renderer.toSafeHtml("<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3))\n\n<iframe src=\"https://evil.example\"></iframe>");

        Document rendered = Jsoup.parseBodyFragment(html);
        assertThat(rendered.select("script, iframe")).isEmpty();
        assertThat(rendered.getAllElements())
                .allSatisfy(element -> assertThat(element.attributes().asList())
                        .noneMatch(attribute -> attribute.getKey().startsWith("on")
                                || attribute.getValue().toLowerCase().contains("javascript:")));
        assertThat(rendered.text()).contains("<script>alert(1)</script>");
    }
}
