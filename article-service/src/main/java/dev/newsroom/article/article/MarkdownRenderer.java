package dev.newsroom.article.article;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Markdown to safe HTML. CommonMark renders (raw HTML in the source is escaped, not passed
 * through), then jsoup's allow-list cleaner removes anything that could run script: event
 * attributes, {@code javascript:} links, iframes. Links get {@code rel="nofollow noopener"}.
 */
public final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static final Safelist ALLOWED = Safelist.relaxed()
            .addTags("hr", "del", "s")
            .addAttributes("a", "rel")
            .addEnforcedAttribute("a", "rel", "nofollow noopener")
            .removeProtocols("img", "src", "http")
            .addProtocols("img", "src", "http", "https");

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    public String toSafeHtml(String markdown) {
        String html = renderer.render(parser.parse(markdown));
        Document.OutputSettings compact = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", ALLOWED, compact).strip();
    }
}
