package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EmbeddingsServiceTest {

    @Test
    void shortenedVectorsAreRenormalised() {
        float[] v = EmbeddingsService.shorten(new float[]{3, 4, 12}, 2);
        assertArrayEquals(new float[]{0.6f, 0.8f}, v, 1e-6f);
    }

    @Test
    void base64IsLittleEndianFloat32() {
        float[] v = {0.0023064255f, -0.009327292f, 1f};
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(EmbeddingsService.base64(v))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(12, b.remaining());
        for (float f : v) {
            assertEquals(f, b.getFloat());
        }
    }

    @Test
    void numbersPrintAsTheFloatsShortestDecimal() {
        assertEquals("0.0023064255", String.valueOf(EmbeddingsService.numbers(new float[]{0.0023064255f})[0]));
    }
}
