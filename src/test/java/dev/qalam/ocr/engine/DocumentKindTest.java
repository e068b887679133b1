package dev.qalam.ocr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentKindTest {

    private static Optional<DocumentKind> detect(byte... b) {
        return DocumentKind.detect(b, b.length);
    }

    @Test
    void magicBytesDecide() {
        assertEquals(Optional.of(DocumentKind.PDF), detect("%PDF-1.7\n".getBytes()));
        assertEquals(Optional.of(DocumentKind.PDF), detect("\r\n junk %PDF-1.4".getBytes()));
        assertEquals(Optional.of(DocumentKind.PNG), detect((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G', 13, 10, 26, 10));
        assertEquals(Optional.of(DocumentKind.JPEG), detect((byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0));
        assertEquals(Optional.of(DocumentKind.TIFF), detect((byte) 'I', (byte) 'I', 42, 0));
        assertEquals(Optional.of(DocumentKind.TIFF), detect((byte) 'M', (byte) 'M', 0, 42));
    }

    @Test
    void everythingElseIsUnknown() {
        assertEquals(Optional.empty(), detect("PK\u0003\u0004 docx".getBytes()));
        assertEquals(Optional.empty(), detect("hello %PD".getBytes()));
        assertEquals(Optional.empty(), detect());
        assertEquals(Optional.empty(), detect((byte) 0xFF, (byte) 0xD8));
    }
}
