package dev.qalam.document;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.contentstream.operator.graphics.BeginInlineImage;
import org.apache.pdfbox.contentstream.operator.graphics.GraphicsOperatorProcessor;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;

/**
 * PDFBox's renderer with {@link PdfSafety}'s checks in front of every image it decodes: XObjects (also
 * inside forms, patterns, annotations and Type 3 glyphs, which all draw through the same page drawer) and
 * inline images, whose data PDFBox would otherwise inflate as soon as it meets the {@code BI} operator.
 * PDFBox logs and skips a failing {@code Do}; a bound that is hit stops the page instead.
 */
final class GuardedPdfRenderer extends PDFRenderer {

    private final PdfSafety safety;
    private int pageNum;

    GuardedPdfRenderer(PDDocument document, PdfSafety safety) {
        super(document);
        this.safety = safety;
    }

    /** Which page the next render is for, so that a refusal can name it. */
    void forPage(int pageNum) {
        this.pageNum = pageNum;
    }

    @Override
    protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
        return new GuardedPageDrawer(parameters);
    }

    private final class GuardedPageDrawer extends PageDrawer {

        GuardedPageDrawer(PageDrawerParameters parameters) throws IOException {
            super(parameters);
            addOperator(new GuardedInlineImage(this));
        }

        @Override
        public void drawImage(PDImage image) throws IOException {
            safety.checkImage(image, pageNum);
            super.drawImage(image);
        }

        @Override
        protected void operatorException(Operator operator, List<COSBase> operands, IOException e) throws IOException {
            PdfSafety.LimitExceeded limit = PdfSafety.find(e);
            if (limit != null) {
                throw limit;
            }
            super.operatorException(operator, operands, e);
        }
    }

    private final class GuardedInlineImage extends GraphicsOperatorProcessor {

        private final BeginInlineImage delegate;

        GuardedInlineImage(PageDrawer drawer) {
            super(drawer);
            delegate = new BeginInlineImage(drawer);
        }

        @Override
        public void process(Operator operator, List<COSBase> operands) throws IOException {
            if (operator.getImageParameters() != null && operator.getImageData() != null) {
                safety.checkInlineImage(operator.getImageParameters(), operator.getImageData(), pageNum);
            }
            delegate.process(operator, operands);
        }

        @Override
        public String getName() {
            return OperatorName.BEGIN_INLINE_IMAGE;
        }
    }
}
