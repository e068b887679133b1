package dev.qalam.deployment.content;

import dev.qalam.text.TextCleanup;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The readable text of an HTML page: what a reader sees, one block per line, without scripts, styles or other
 * markup that is not text. jsoup's own {@code text()} would run the whole page into one line, losing the
 * paragraphs and list items that help a model tell passages apart.
 */
final class HtmlText {

    /** Elements whose content is never text a reader sees. */
    static final String INVISIBLE = "script, style, noscript, template, svg, math, canvas, iframe, object, embed, "
            + "head, [hidden], [aria-hidden=true]";

    private HtmlText() {
    }

    /** The document's title, or empty. */
    static String title(Document doc) {
        return doc.title().strip();
    }

    /** The text of the document's body, blocks on their own lines, at most one blank line between them. */
    static String text(Document doc) {
        Document copy = doc.clone();
        copy.select(INVISIBLE).remove();
        StringBuilder out = new StringBuilder();
        Element root = copy.body() != null ? copy.body() : copy;
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    if (inPre(t)) {
                        out.append(t.getWholeText());
                    } else {
                        appendCollapsed(out, t.getWholeText());
                    }
                } else if (node instanceof Element e) {
                    if (e.normalName().equals("br")) {
                        out.append('\n');
                    } else if (isCell(e)) {
                        int len = out.length();
                        if (len > 0 && out.charAt(len - 1) != '\n') {
                            out.append('\t');
                        }
                    } else if (isBlock(e)) {
                        newline(out);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && isBlock(e)) {
                    newline(out);
                }
            }
        });
        return TextCleanup.tidyLines(out.toString());
    }

    /** Table cells stay on their row's line, separated by tabs. */
    private static boolean isCell(Element e) {
        return e.normalName().equals("td") || e.normalName().equals("th");
    }

    private static boolean isBlock(Element e) {
        return !isCell(e) && (e.isBlock() || e.normalName().equals("li") || e.normalName().equals("tr"));
    }

    private static boolean inPre(TextNode t) {
        for (Node p = t.parent(); p != null; p = p.parent()) {
            if (p instanceof Element e && (e.normalName().equals("pre") || e.normalName().equals("textarea"))) {
                return true;
            }
        }
        return false;
    }

    private static void appendCollapsed(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                int len = out.length();
                if (len > 0 && out.charAt(len - 1) != ' ' && out.charAt(len - 1) != '\n') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
    }

    private static void newline(StringBuilder out) {
        int len = out.length();
        if (len > 0 && out.charAt(len - 1) != '\n') {
            out.append('\n');
        }
    }
}
