package dev.qalam.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentKindTest {

    private static Optional<DocumentKind> detect(byte[] b) {
        return DocumentKind.detect(b, b.length);
    }

    private static Optional<DocumentKind> detect(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return detect(b);
    }

    @Test
    void magicBytesDecide() {
        assertEquals(Optional.of(DocumentKind.PDF), detect("%PDF-1.7\n".getBytes()));
        assertEquals(Optional.of(DocumentKind.PDF), detect("\r\n junk %PDF-1.4".getBytes()));
        assertEquals(Optional.of(DocumentKind.PNG), detect(0x89, 'P', 'N', 'G', 13, 10, 26, 10));
        assertEquals(Optional.of(DocumentKind.JPEG), detect(0xFF, 0xD8, 0xFF, 0xE0));
        assertEquals(Optional.of(DocumentKind.TIFF), detect('I', 'I', 42, 0));
        assertEquals(Optional.of(DocumentKind.TIFF), detect('M', 'M', 0, 42));
    }

    @Test
    void everythingElseIsUnknown() {
        assertEquals(Optional.empty(), detect("PK\u0003\u0004 docx".getBytes()));
        assertEquals(Optional.empty(), detect("hello %PD".getBytes()));
        assertEquals(Optional.empty(), detect(new byte[0]));
        assertEquals(Optional.empty(), detect(0xFF, 0xD8));
    }
}
