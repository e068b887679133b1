package dev.qalam.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * A PNG, JPEG or TIFF file read frame by frame (a multi-page TIFF has one frame per page), with each frame's
 * decoded size taken from its header (width x height x the bytes per pixel of the type the reader will
 * decode to, at least one byte: the grey copy OCR makes has one) and refused above
 * {@link DocumentLimits#maxDecodedBytes()} before the frame is decoded. Metadata is not read at all: the PNG
 * reader inflates compressed text chunks otherwise.
 */
final class ImageFile implements AutoCloseable {

    private final DocumentKind kind;
    private final DocumentLimits limits;
    private final ImageInputStream input;
    private final ImageReader reader;

    private ImageFile(DocumentKind kind, DocumentLimits limits, ImageInputStream input, ImageReader reader) {
        this.kind = kind;
        this.limits = limits;
        this.input = input;
        this.reader = reader;
    }

    static ImageFile open(Path file, DocumentKind kind, DocumentLimits limits) throws InvalidDocumentException {
        ImageInputStream iis = null;
        try {
            iis = ImageIO.createImageInputStream(file.toFile());
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidDocumentException("invalid_image", "The " + kind.label() + " image cannot be read.");
            }
            ImageReader reader = readers.next();
            reader.setInput(iis, false, true);
            ImageFile f = new ImageFile(kind, limits, iis, reader);
            iis = null;
            return f;
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException("invalid_image", "The " + kind.label() + " image cannot be read.", e);
        } finally {
            closeQuietly(iis);
        }
    }

    /**
     * Counts the frames, checking each one's size, up to {@code maxFrames + 1} (a caller refusing documents
     * of more than {@code maxFrames} pages needs no more; a looping TIFF directory chain ends there too).
     */
    int countFrames(int maxFrames) throws InvalidDocumentException {
        int n = 0;
        while (n <= maxFrames) {
            try {
                reader.getWidth(n);
            } catch (IndexOutOfBoundsException e) {
                break;
            } catch (IOException | RuntimeException e) {
                if (n == 0) {
                    throw new InvalidDocumentException("invalid_image", "The " + kind.label() + " image cannot be read.", e);
                }
                // A broken directory after good frames: the frames before it are the pages.
                break;
            }
            checkFrame(n);
            n++;
        }
        if (n == 0) {
            throw new InvalidDocumentException("invalid_image", "The " + kind.label() + " image has no picture in it.");
        }
        return n;
    }

    /** Checks frame {@code index}'s declared size against the bound (0-based). */
    void checkFrame(int index) throws InvalidDocumentException {
        long width;
        long height;
        int bytesPerPixel;
        try {
            width = reader.getWidth(index);
            height = reader.getHeight(index);
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(index);
            int bits = types != null && types.hasNext() ? types.next().getColorModel().getPixelSize() : 32;
            bytesPerPixel = Math.max(1, (bits + 7) / 8);
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException("invalid_image", where(index) + " cannot be read.", e);
        }
        if (width <= 0 || height <= 0) {
            throw new InvalidDocumentException("invalid_image", where(index) + " has no pixels.");
        }
        long bytes = width * height * bytesPerPixel;
        if (bytes > limits.maxDecodedBytes() || bytes / bytesPerPixel / width != height) {
            throw new DocumentLimitException("image_too_large", where(index) + " is " + width + " x " + height
                    + " pixels at " + bytesPerPixel + " byte" + (bytesPerPixel == 1 ? "" : "s") + " per pixel ("
                    + DocumentLimits.size((double) width * height * bytesPerPixel) + " once decoded); at most "
                    + limits.maxDecodedMb() + " MB is decoded per image.");
        }
    }

    /** Decodes frame {@code index} (0-based) once its size is checked. */
    BufferedImage read(int index) throws InvalidDocumentException {
        checkFrame(index);
        try {
            BufferedImage img = reader.read(index);
            if (img == null) {
                throw new InvalidDocumentException("invalid_image", where(index) + " cannot be decoded.");
            }
            return img;
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException("invalid_image", where(index) + " cannot be decoded.", e);
        }
    }

    private String where(int index) {
        return index == 0 && kind != DocumentKind.TIFF ? "The image" : "Page " + (index + 1) + " of the " + kind.label() + " image";
    }

    @Override
    public void close() {
        reader.dispose();
        closeQuietly(input);
    }

    private static void closeQuietly(ImageInputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Only a file handle to release.
            }
        }
    }
}
