package dev.qalam.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.ocr.TestDocuments;
import dev.qalam.platform.config.DataDirectory;
import dev.qalam.platform.storage.LocalBlobStore;
import dev.qalam.platform.storage.UrlSigner;
import dev.qalam.testing.OfficeDocuments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload steps: a refused upload leaves nothing stored, an accepted one is stored with its kind and pages. */
class DocumentIntakeTest {

    static final Set<DocumentKind> OCR = EnumSet.of(DocumentKind.PDF, DocumentKind.PNG, DocumentKind.JPEG, DocumentKind.TIFF);
    static final Set<DocumentKind> RETRIEVAL = EnumSet.of(DocumentKind.PDF, DocumentKind.DOCX, DocumentKind.PPTX,
            DocumentKind.TEXT, DocumentKind.MARKDOWN);

    @TempDir
    Path data;

    DocumentIntake intake;
    LocalBlobStore blobs;

    @BeforeEach
    void setUp() throws IOException {
        blobs = new LocalBlobStore(data.resolve("blobs"), UrlSigner.withSecret("a test secret of 32 bytes length".getBytes(StandardCharsets.UTF_8)));
        intake = new DocumentIntake();
        intake.blobs = blobs;
        intake.config = new DocumentConfig();
        intake.config.maxDecodedMb = 256;
        intake.data = new DataDirectory() {
            @Override
            public Path folder(String name) {
                try {
                    return Files.createDirectories(data.resolve(name));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    DocumentIntake.StoredDocument store(String name, byte[] bytes, Set<DocumentKind> accepted) throws Exception {
        return intake.store("docs/" + name, new ByteArrayInputStream(bytes), name, new DocumentIntake.Rules(accepted, 1_000_000, 50));
    }

    InvalidDocumentException refused(String name, byte[] bytes, Set<DocumentKind> accepted) {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> store(name, bytes, accepted));
        assertFalse(exists("docs/" + name), "nothing stored for a refused upload");
        return e;
    }

    boolean exists(String key) {
        return blobs.exists(key);
    }

    @Test
    void acceptedUploadsAreStoredWithTheirKindAndPages() throws Exception {
        DocumentIntake.StoredDocument pdf = store("a.pdf", TestDocuments.bornDigitalPdf(List.of(TestDocuments.ENGLISH, TestDocuments.ENGLISH)), OCR);
        assertEquals(DocumentKind.PDF, pdf.kind());
        assertEquals(2, pdf.pages());
        assertTrue(exists("docs/a.pdf"));
        DocumentIntake.StoredDocument deck = store("deck.pptx", OfficeDocuments.pptx().slide("One", "a").slide("Two", "b").bytes(), RETRIEVAL);
        assertEquals(DocumentKind.PPTX, deck.kind());
        assertEquals(2, deck.pages());
        assertEquals(DocumentKind.MARKDOWN, store("n.md", "# Hi\n\ntext".getBytes(StandardCharsets.UTF_8), RETRIEVAL).kind());
        try (Stream<Path> left = Files.list(data.resolve("tmp"))) {
            assertEquals(0, left.count(), "temporary copies are removed");
        }
    }

    @Test
    void refusalsNameTheProblemAndStoreNothing() {
        assertEquals("empty_file", refused("e.pdf", new byte[0], OCR).code());
        InvalidDocumentException docx = refused("d.docx", OfficeDocuments.docx().paragraph("x").bytes(), OCR);
        assertEquals("unsupported_file_type", docx.code());
        assertEquals("Unsupported file type: upload a PDF, PNG, JPEG or TIFF file.", docx.getMessage());
        assertEquals("Unsupported file type: upload a PDF, DOCX, PPTX, text or Markdown file.",
                refused("x.png", TestDocuments.png(TestDocuments.page(TestDocuments.ENGLISH, false, 0)), RETRIEVAL).getMessage());
        assertEquals("invalid_utf8", refused("bad.txt", new byte[] {(byte) 0xC3, 0x28}, RETRIEVAL).code());
        assertEquals("image_too_large", refused("bomb.png", TestDocuments.pngBomb(6000, 6000), OCR).code());
        assertEquals("page_too_large", refused("huge.pdf", TestDocuments.hugePagePdf(1_000_000), OCR).code());
    }

    @Test
    void tooLargeIsReadNoFurtherThanTheLimit() {
        byte[] big = new byte[2_000_000];
        InputStream in = new ByteArrayInputStream(big);
        assertThrows(DocumentIntake.UploadTooLargeException.class,
                () -> intake.store("docs/big", in, "big.pdf", new DocumentIntake.Rules(OCR, 1_000_000, 50)));
        assertTrue(big.length - 1_000_000 - 64 * 1024 <= ((ByteArrayInputStream) in).available(), "stopped at the limit");
        assertFalse(exists("docs/big"));
    }
}
