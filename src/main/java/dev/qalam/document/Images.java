package dev.qalam.document;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Page image helpers: grey conversion for OCR, downscaling for page images and thumbnails, fast PNG. */
public final class Images {

    private Images() {
    }

    /**
     * An 8-bit grey copy (or the image itself when it already is one). Luma is computed from sRGB directly:
     * drawing into a {@code TYPE_BYTE_GRAY} image goes through a linear colour space and washes text out.
     */
    public static BufferedImage toGray(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        if (src.getType() == BufferedImage.TYPE_INT_RGB && src.getRaster().getDataBuffer() instanceof DataBufferInt ints
                && src.getRaster().getParent() == null && ints.getData().length == w * h) {
            // The common case (decoded RGB scans), straight from the pixel array.
            int[] px = ints.getData();
            byte[] out = ((DataBufferByte) gray.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < px.length; i++) {
                int p = px[i];
                out[i] = (byte) ((((p >> 16) & 0xFF) * 299 + ((p >> 8) & 0xFF) * 587 + (p & 0xFF) * 114) / 1000);
            }
            return gray;
        }
        int[] rgb = new int[w];
        byte[] out = new byte[w];
        for (int y = 0; y < h; y++) {
            src.getRGB(0, y, w, 1, rgb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = rgb[x];
                int a = p >>> 24;
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                int l = (r * 299 + g * 587 + b * 114) / 1000;
                // Transparent pixels are paper, not ink.
                out[x] = (byte) (255 - ((255 - l) * a) / 255);
            }
            gray.getRaster().setDataElements(0, y, w, 1, out);
        }
        return gray;
    }

    /** Scales to {@code width} pixels wide (never up), halving first so that thin strokes survive. */
    public static BufferedImage scaleToWidth(BufferedImage src, int width) {
        if (src.getWidth() <= width) {
            return src;
        }
        BufferedImage img = src;
        while (img.getWidth() / 2 >= width) {
            img = resize(img, img.getWidth() / 2, Math.max(1, img.getHeight() / 2));
        }
        int height = Math.max(1, (int) Math.round((double) img.getHeight() * width / img.getWidth()));
        return img.getWidth() == width ? img : resize(img, width, height);
    }

    private static BufferedImage resize(BufferedImage src, int w, int h) {
        int type = src.getType() == BufferedImage.TYPE_BYTE_GRAY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage dst = new BufferedImage(w, h, type);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    /**
     * PNG with a light deflate level: page images are mostly flat paper and compress well anyway, and the
     * default level costs several times the CPU for a few percent.
     */
    public static byte[] png(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.75f);
            }
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
