package dev.qalam.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STSectionMark;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * DOCX and PPTX files the tests make with Apache POI, as Word and PowerPoint structure them: styles named
 * as Word names its built-in ones ("Title", "heading 1"), page breaks in runs, pages that start with a
 * paragraph's page-break-before, section breaks, tables; slides from the title-and-content layout.
 */
public final class OfficeDocuments {

    private OfficeDocuments() {
    }

    public static Docx docx() {
        return new Docx();
    }

    public static Pptx pptx() {
        return new Pptx();
    }

    /** A Word document written paragraph by paragraph. */
    public static final class Docx {
        private final XWPFDocument doc = new XWPFDocument();

        Docx() {
            XWPFStyles styles = doc.createStyles();
            styles.addStyle(style("Title", "Title", null));
            for (int level = 1; level <= 3; level++) {
                styles.addStyle(style("Heading" + level, "heading " + level, level - 1));
            }
            // A localized Word names its style ids in the user's language; the built-in name stays English.
            styles.addStyle(style("berschrift2", "heading 2", null));
        }

        private static XWPFStyle style(String id, String name, Integer outline) {
            CTStyle ct = CTStyle.Factory.newInstance();
            ct.setStyleId(id);
            ct.setType(STStyleType.PARAGRAPH);
            ct.addNewName().setVal(name);
            if (outline != null) {
                ct.addNewPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(outline));
            }
            return new XWPFStyle(ct);
        }

        public Docx title(String text) {
            return styled("Title", text);
        }

        public Docx heading(int level, String text) {
            return styled("Heading" + level, text);
        }

        /** A heading whose style has a localized id and only its name says it is a heading. */
        public Docx localizedHeading2(String text) {
            return styled("berschrift2", text);
        }

        private Docx styled(String style, String text) {
            XWPFParagraph p = doc.createParagraph();
            p.setStyle(style);
            p.createRun().setText(text);
            return this;
        }

        public Docx paragraph(String text) {
            doc.createParagraph().createRun().setText(text);
            return this;
        }

        /** A paragraph with a page break in the middle of it: {@code before} ends a page, {@code after} starts the next. */
        public Docx paragraphBrokenBy(String before, String after) {
            XWPFParagraph p = doc.createParagraph();
            p.createRun().setText(before);
            p.createRun().addBreak(BreakType.PAGE);
            p.createRun().setText(after);
            return this;
        }

        /** An empty paragraph holding just a page break, as Ctrl+Enter makes in Word. */
        public Docx pageBreak() {
            doc.createParagraph().createRun().addBreak(BreakType.PAGE);
            return this;
        }

        /** A paragraph set to start a new page. */
        public Docx paragraphOnNewPage(String text) {
            XWPFParagraph p = doc.createParagraph();
            p.setPageBreak(true);
            p.createRun().setText(text);
            return this;
        }

        /** A paragraph that ends a section; the next section starts on a new page unless {@code continuous}. */
        public Docx paragraphEndingSection(String text, boolean continuous) {
            XWPFParagraph p = doc.createParagraph();
            p.createRun().setText(text);
            p.getCTP().addNewPPr().addNewSectPr();
            CTSectPr body = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
                    : doc.getDocument().getBody().addNewSectPr();
            if (continuous) {
                (body.isSetType() ? body.getType() : body.addNewType()).setVal(STSectionMark.CONTINUOUS);
            } else if (body.isSetType()) {
                body.unsetType();
            }
            return this;
        }

        public Docx table(String[]... rows) {
            XWPFTable t = doc.createTable(rows.length, rows[0].length);
            for (int r = 0; r < rows.length; r++) {
                for (int c = 0; c < rows[r].length; c++) {
                    t.getRow(r).getCell(c).setText(rows[r][c]);
                }
            }
            return this;
        }

        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (doc) {
                doc.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    /** A presentation written slide by slide. */
    public static final class Pptx {
        private final XMLSlideShow show = new XMLSlideShow();
        private final XSLFSlideLayout titleAndContent = show.getSlideMasters().get(0).getLayout(SlideLayout.TITLE_AND_CONTENT);

        /** A slide with a title and a bulleted body. */
        public Pptx slide(String title, String... bullets) {
            XSLFSlide slide = show.createSlide(titleAndContent);
            slide.getPlaceholder(0).setText(title);
            slide.getPlaceholder(1).setText(String.join("\n", bullets));
            return this;
        }

        /** A slide without a title: one text box. */
        public Pptx untitledSlide(String text) {
            XSLFSlide slide = show.createSlide();
            XSLFTextBox box = slide.createTextBox();
            box.setAnchor(new java.awt.Rectangle(50, 50, 400, 100));
            box.setText(text);
            return this;
        }

        /** A titled slide holding a table and a group of two text boxes. */
        public Pptx slideWithTableAndGroup(String title, String[][] rows, String groupedA, String groupedB) {
            XSLFSlide slide = show.createSlide(titleAndContent);
            slide.getPlaceholder(0).setText(title);
            slide.removeShape(slide.getPlaceholder(1));
            XSLFTable table = slide.createTable();
            table.setAnchor(new java.awt.Rectangle(50, 100, 400, 100));
            for (String[] cells : rows) {
                XSLFTableRow row = table.addRow();
                for (String c : cells) {
                    row.addCell().setText(c);
                }
            }
            XSLFGroupShape group = slide.createGroup();
            for (String t : List.of(groupedA, groupedB)) {
                XSLFTextBox box = group.createTextBox();
                box.setAnchor(new java.awt.Rectangle(50, 300, 300, 50));
                box.setText(t);
            }
            return this;
        }

        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (show) {
                show.write(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }
}
