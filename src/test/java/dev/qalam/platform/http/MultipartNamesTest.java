package dev.qalam.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MultipartNamesTest {

    @Test
    void fieldNameIsNotConfusedWithFileName() {
        assertEquals("file", MultipartNames.nameOf("form-data; name=\"file\"; filename=\"عربي.pdf\""));
        assertEquals("file", MultipartNames.nameOf("form-data; filename=\"name.pdf\"; name=\"file\""));
        assertEquals("expires_in", MultipartNames.nameOf("form-data; name=expires_in"));
        assertNull(MultipartNames.nameOf("form-data; filename=\"a.pdf\""));
    }

    @Test
    void fileNamesPlainAndExtended() {
        assertEquals("عربي.pdf", MultipartNames.fileNameOf("form-data; name=\"file\"; filename=\"عربي.pdf\""));
        assertEquals("عربي.pdf", MultipartNames.fileNameOf(
                "form-data; name=\"file\"; filename=\"a.pdf\"; filename*=UTF-8''%D8%B9%D8%B1%D8%A8%D9%8A.pdf"));
        assertEquals("a b.pdf", MultipartNames.fileNameOf("form-data; name=\"file\"; filename=\"a b.pdf\""));
        assertNull(MultipartNames.fileNameOf("form-data; name=\"file\""));
    }

    @Test
    void rawUtf8ReadOneCharacterPerByteIsReadAsUtf8() {
        String sent = "مسح.pdf";
        String asLatin1 = new String(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(sent, MultipartNames.fileNameOf("form-data; name=\"file\"; filename=\"" + asLatin1 + "\""));
        // A Latin-1 name that is not UTF-8 stays as it is.
        assertEquals("café.pdf", MultipartNames.fileNameOf("form-data; name=\"file\"; filename=\"café.pdf\""));
    }
}
