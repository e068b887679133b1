package dev.qalam.document;

import dev.qalam.text.Block;
import dev.qalam.text.PageText;
import dev.qalam.text.TextCleanup;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * A PPTX as one page per slide, in the presentation's order (Apache POI): the slide's title (its title
 * placeholder) as a level-1 heading, then the text of its other shapes in the slide's drawing order, groups
 * opened, a table as one paragraph with a line per row. Each slide stands alone: a slide without a title does
 * not inherit the previous one's. Speaker notes, charts and pictures are not read.
 */
final class PptxReader {

    private final DocumentLimits limits;
    private long chars;

    private PptxReader(DocumentLimits limits) {
        this.limits = limits;
    }

    static List<PageText> read(OPCPackage pkg, DocumentLimits limits) throws InvalidDocumentException {
        XMLSlideShow show;
        try {
            show = new XMLSlideShow(pkg);
        } catch (RuntimeException e) {
            throw OoxmlPackages.invalid(DocumentKind.PPTX, "PPTX", e);
        }
        try {
            PptxReader r = new PptxReader(limits);
            List<PageText> pages = new ArrayList<>();
            for (XSLFSlide slide : show.getSlides()) {
                List<Block> blocks = new ArrayList<>();
                String title = TextCleanup.clean(slide.getTitle()).replace('\n', ' ');
                if (!title.isEmpty()) {
                    r.count(title);
                    blocks.add(Block.heading(1, title));
                }
                for (XSLFShape shape : slide.getShapes()) {
                    r.shape(shape, blocks);
                }
                pages.add(new PageText(pages.size() + 1, blocks, true));
            }
            if (pages.isEmpty()) {
                pages.add(new PageText(1, List.of(), true));
            }
            return pages;
        } catch (RuntimeException e) {
            throw new InvalidDocumentException("invalid_pptx", "The PPTX file cannot be read.", e);
        }
    }

    private void shape(XSLFShape shape, List<Block> blocks) throws InvalidDocumentException {
        if (shape instanceof XSLFGroupShape group) {
            for (XSLFShape s : group.getShapes()) {
                shape(s, blocks);
            }
        } else if (shape instanceof XSLFTable table) {
            StringBuilder rows = new StringBuilder();
            for (XSLFTableRow row : table.getRows()) {
                List<String> cells = new ArrayList<>();
                for (XSLFTableCell cell : row.getCells()) {
                    String t = TextCleanup.clean(cell.getText()).replaceAll("\\s+", " ");
                    if (!t.isEmpty()) {
                        cells.add(t);
                    }
                }
                if (!cells.isEmpty()) {
                    rows.append(String.join(" | ", cells)).append('\n');
                }
            }
            add(rows.toString(), blocks);
        } else if (shape instanceof XSLFTextShape text) {
            Placeholder p = text.getTextType();
            if (p == Placeholder.TITLE || p == Placeholder.CENTERED_TITLE) {
                return;
            }
            add(text.getText(), blocks);
        }
    }

    private void add(String raw, List<Block> blocks) throws InvalidDocumentException {
        String t = TextCleanup.clean(raw);
        if (!t.isEmpty()) {
            count(t);
            blocks.add(Block.paragraph(t));
        }
    }

    private void count(String t) throws InvalidDocumentException {
        chars += t.length();
        if (chars > limits.maxTextChars()) {
            throw new DocumentLimitException("document_too_large", "The PPTX file holds more than "
                    + limits.maxTextChars() + " characters of text; at most " + limits.maxTextChars() + " are read.");
        }
    }
}
