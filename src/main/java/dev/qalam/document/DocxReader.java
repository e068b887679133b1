package dev.qalam.document;

import dev.qalam.text.Block;
import dev.qalam.text.PageText;
import dev.qalam.text.TextCleanup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A DOCX as pages of headings and paragraphs (Apache POI). Pages are split where the author broke them: page
 * breaks in runs ({@code <w:br w:type="page"/>}), paragraphs that start a page ({@code pageBreakBefore}, set
 * directly or by their style), and section breaks that start a new page; a document without any is one page.
 * (Where Word's layout happened to end a page is not in the file in any reliable form.) A paragraph is a
 * heading when its outline level, its style's outline level or its style's built-in name (heading 1-9,
 * Title) says so; a table becomes one paragraph per table, a line per row with cells joined by " | ".
 * Deleted text of tracked changes, field codes, headers and footers are left out; text boxes are read as
 * paragraphs of their own.
 *
 * <p>POI's model gives the paragraphs but not the page breaks inside their runs, so the body is walked as
 * the XML that POI parsed.
 */
final class DocxReader {

    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    static final String MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    private static final Pattern HEADING_NAME = Pattern.compile("(?i)heading\\s*([1-9])");

    private final XWPFStyles styles;
    private final DocumentLimits limits;
    private final Map<String, StyleInfo> styleCache = new HashMap<>();
    private final List<String> sectionStarts = new ArrayList<>();
    private final List<PageText> pages = new ArrayList<>();
    private List<Block> current = new ArrayList<>();
    private int section;
    private long chars;

    private DocxReader(XWPFDocument doc, DocumentLimits limits) {
        this.styles = doc.getStyles();
        this.limits = limits;
    }

    static List<PageText> read(OPCPackage pkg, DocumentLimits limits) throws InvalidDocumentException {
        XWPFDocument doc;
        try {
            doc = new XWPFDocument(pkg);
        } catch (IOException | RuntimeException e) {
            throw OoxmlPackages.invalid(DocumentKind.DOCX, "DOCX", e);
        }
        try {
            DocxReader r = new DocxReader(doc, limits);
            Node body = doc.getDocument().getBody().getDomNode();
            r.collectSections(body);
            r.container(body);
            r.pages.add(new PageText(r.pages.size() + 1, r.current, false));
            return r.pages;
        } catch (RuntimeException e) {
            throw new InvalidDocumentException("invalid_docx", "The DOCX file cannot be read.", e);
        }
    }

    /** How each section starts (its {@code w:type}), in body order: a section break's type is on the section after it. */
    private void collectSections(Node body) {
        for (Element sectPr : descendants(body, "sectPr")) {
            if (sectPr.getParentNode() != null && "sectPrChange".equals(sectPr.getParentNode().getLocalName())) {
                continue;
            }
            Element type = child(sectPr, "type");
            sectionStarts.add(type == null ? "nextPage" : attr(type, "val"));
        }
    }

    /** A run of block-level content: the body, a table cell, a content control, a text box. */
    private void container(Node node) throws InvalidDocumentException {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element e)) {
                continue;
            }
            switch (kind(e)) {
                case "w:p" -> paragraph(e);
                case "w:tbl" -> table(e);
                case "w:sdt" -> {
                    Element content = child(e, "sdtContent");
                    if (content != null) {
                        container(content);
                    }
                }
                case "w:customXml", "w:ins", "w:moveTo" -> container(e);
                case "mc:AlternateContent" -> alternate(e, true);
                default -> {
                    // Section properties, bookmarks, deleted or moved-away content: no text to read.
                }
            }
        }
    }

    private void paragraph(Element p) throws InvalidDocumentException {
        Element pPr = child(p, "pPr");
        StyleInfo style = style(pPr == null ? null : child(pPr, "pStyle"));
        int level = headingLevel(pPr, style);
        boolean breakBefore = pPr != null && child(pPr, "pageBreakBefore") != null
                ? on(child(pPr, "pageBreakBefore")) : style.pageBreakBefore();
        if (breakBefore && !current.isEmpty()) {
            newPage();
        }
        StringBuilder text = new StringBuilder();
        inline(p, text, level);
        flush(text, level);
        if (pPr != null && child(pPr, "sectPr") != null) {
            section++;
            String next = section < sectionStarts.size() ? sectionStarts.get(section) : "continuous";
            if (next.equals("nextPage") || next.equals("oddPage") || next.equals("evenPage")) {
                newPage();
            }
        }
    }

    /** A paragraph's runs, hyperlinks, fields and inserted text, in order; page breaks split the paragraph. */
    private void inline(Node node, StringBuilder text, int level) throws InvalidDocumentException {
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element e)) {
                continue;
            }
            switch (kind(e)) {
                case "w:r" -> run(e, text, level);
                case "w:hyperlink", "w:smartTag", "w:ins", "w:moveTo", "w:fldSimple", "w:customXml", "w:dir",
                     "w:bdo", "w:sdtContent" -> inline(e, text, level);
                case "w:sdt" -> {
                    Element content = child(e, "sdtContent");
                    if (content != null) {
                        inline(content, text, level);
                    }
                }
                case "mc:AlternateContent" -> alternate(e, false);
                default -> {
                    // Paragraph properties, deletions, bookmarks, comments' anchors.
                }
            }
        }
    }

    private void run(Element r, StringBuilder text, int level) throws InvalidDocumentException {
        for (Node c = r.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element e)) {
                continue;
            }
            switch (kind(e)) {
                case "w:t" -> text.append(textOf(e));
                case "w:tab", "w:ptab" -> text.append(' ');
                case "w:cr" -> text.append('\n');
                case "w:noBreakHyphen" -> text.append('-');
                case "w:br" -> {
                    if ("page".equals(attr(e, "type"))) {
                        flush(text, level);
                        newPage();
                    } else {
                        text.append('\n');
                    }
                }
                case "w:drawing", "w:pict", "w:object" -> textBoxes(e);
                case "mc:AlternateContent" -> alternate(e, false);
                default -> {
                    // Field codes, deleted text, symbols, footnote references, rendered-page markers.
                }
            }
        }
    }

    /** Drawing-level markup carries two versions of the same content: read the first only. */
    private void alternate(Element e, boolean blockLevel) throws InvalidDocumentException {
        Element choice = null;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element el && MC.equals(el.getNamespaceURI())
                    && ("Choice".equals(el.getLocalName()) || "Fallback".equals(el.getLocalName()))) {
                choice = el;
                break;
            }
        }
        if (choice == null) {
            return;
        }
        if (blockLevel) {
            container(choice);
        } else {
            textBoxes(choice);
        }
    }

    /** The paragraphs of text boxes inside a drawing, as paragraphs of their own. */
    private void textBoxes(Element drawing) throws InvalidDocumentException {
        for (Element box : descendants(drawing, "txbxContent")) {
            container(box);
        }
    }

    private void table(Element tbl) throws InvalidDocumentException {
        StringBuilder rows = new StringBuilder();
        for (Node tr = tbl.getFirstChild(); tr != null; tr = tr.getNextSibling()) {
            if (!(tr instanceof Element row) || !"w:tr".equals(kind(row))) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (Node tc = row.getFirstChild(); tc != null; tc = tc.getNextSibling()) {
                if (tc instanceof Element cell && "w:tc".equals(kind(cell))) {
                    String t = plain(cell).replaceAll("\\s+", " ").strip();
                    if (!t.isEmpty()) {
                        cells.add(t);
                    }
                }
            }
            if (!cells.isEmpty()) {
                rows.append(String.join(" | ", cells)).append('\n');
            }
        }
        flush(rows, -1);
    }

    /** All the text under {@code node} (a table cell), paragraphs separated by spaces. */
    private String plain(Node node) {
        StringBuilder sb = new StringBuilder();
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element e)) {
                continue;
            }
            switch (kind(e)) {
                case "w:t" -> sb.append(textOf(e));
                case "w:tab", "w:br", "w:cr" -> sb.append(' ');
                case "w:del", "w:moveFrom", "w:delText", "w:instrText", "mc:Fallback", "w:pPr", "w:rPr", "w:tcPr" -> {
                    // Not content.
                }
                default -> {
                    sb.append(plain(e));
                    if ("w:p".equals(kind(e))) {
                        sb.append(' ');
                    }
                }
            }
        }
        return sb.toString();
    }

    private void flush(StringBuilder text, int level) throws InvalidDocumentException {
        String t = TextCleanup.clean(text.toString());
        text.setLength(0);
        if (t.isEmpty()) {
            return;
        }
        chars += t.length();
        if (chars > limits.maxTextChars()) {
            throw new DocumentLimitException("document_too_large", "The DOCX file holds more than "
                    + limits.maxTextChars() + " characters of text; at most " + limits.maxTextChars() + " are read.");
        }
        current.add(level >= 0 ? Block.heading(level, t.replace('\n', ' ')) : Block.paragraph(t));
    }

    private void newPage() {
        pages.add(new PageText(pages.size() + 1, current, false));
        current = new ArrayList<>();
    }

    /** -1 for body text; 0 for a title; 1-9 for headings. */
    private static int headingLevel(Element pPr, StyleInfo style) {
        Element outline = pPr == null ? null : child(pPr, "outlineLvl");
        if (outline != null) {
            int lvl = parseInt(attr(outline, "val"), 9);
            return lvl >= 0 && lvl < 9 ? lvl + 1 : -1;
        }
        return style.level();
    }

    private record StyleInfo(int level, boolean pageBreakBefore) {
        static final StyleInfo BODY = new StyleInfo(-1, false);
    }

    private StyleInfo style(Element pStyle) {
        String id = pStyle == null ? null : attr(pStyle, "val");
        if (id == null || styles == null) {
            return StyleInfo.BODY;
        }
        return styleCache.computeIfAbsent(id, k -> resolve(k, 0));
    }

    /** A style's heading level and page-break-before, following {@code basedOn} (a few levels at most). */
    private StyleInfo resolve(String id, int depth) {
        XWPFStyle s = styles.getStyle(id);
        if (s == null || depth > 10) {
            return byName(id, null);
        }
        Node node = s.getCTStyle().getDomNode();
        Element pPr = node instanceof Element e ? child(e, "pPr") : null;
        Integer level = null;
        Boolean breakBefore = null;
        if (pPr != null) {
            Element outline = child(pPr, "outlineLvl");
            if (outline != null) {
                int lvl = parseInt(attr(outline, "val"), 9);
                level = lvl >= 0 && lvl < 9 ? lvl + 1 : -1;
            }
            Element pb = child(pPr, "pageBreakBefore");
            if (pb != null) {
                breakBefore = on(pb);
            }
        }
        StyleInfo named = byName(id, s.getName());
        StyleInfo base = s.getBasisStyleID() == null ? StyleInfo.BODY : resolve(s.getBasisStyleID(), depth + 1);
        int lvl = level != null ? level : named.level() >= 0 ? named.level() : base.level();
        return new StyleInfo(lvl, breakBefore != null ? breakBefore : base.pageBreakBefore());
    }

    /** Word's built-in names are stored in English whatever the user's language ("heading 1", "Title"). */
    private static StyleInfo byName(String id, String name) {
        for (String n : new String[] {name, id}) {
            if (n == null) {
                continue;
            }
            if (n.strip().toLowerCase(Locale.ROOT).equals("title")) {
                return new StyleInfo(0, false);
            }
            Matcher m = HEADING_NAME.matcher(n.strip());
            if (m.matches()) {
                return new StyleInfo(Integer.parseInt(m.group(1)), false);
            }
        }
        return StyleInfo.BODY;
    }

    private static boolean on(Element e) {
        String v = attr(e, "val");
        return v == null || !(v.equals("0") || v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off"));
    }

    private static String kind(Element e) {
        String ns = e.getNamespaceURI();
        String prefix = W.equals(ns) ? "w:" : MC.equals(ns) ? "mc:" : "?:";
        return prefix + e.getLocalName();
    }

    private static Element child(Element parent, String localName) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && W.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> descendants(Node node, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                if (W.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                    out.add(e);
                } else {
                    out.addAll(descendants(e, localName));
                }
            }
        }
        return out;
    }

    private static String attr(Element e, String localName) {
        String v = e.getAttributeNS(W, localName);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String textOf(Element e) {
        StringBuilder sb = new StringBuilder();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                sb.append(c.getNodeValue());
            }
        }
        return sb.toString();
    }

    private static int parseInt(String s, int otherwise) {
        try {
            return s == null ? otherwise : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
