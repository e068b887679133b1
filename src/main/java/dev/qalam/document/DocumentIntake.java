package dev.qalam.document;

import dev.qalam.platform.config.DataDirectory;
import dev.qalam.platform.storage.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The upload steps every feature that takes documents shares: receive the file bounded while it streams in,
 * tell its kind from its bytes, check that it can be read and decoded within the {@link DocumentLimits},
 * count its pages, and only then store it. A refused upload leaves nothing in the blob store.
 */
@ApplicationScoped
public class DocumentIntake {

    private static final Logger LOG = Logger.getLogger(DocumentIntake.class.getName());

    @Inject
    BlobStore blobs;

    @Inject
    DocumentConfig config;

    @Inject
    DataDirectory data;

    /**
     * What a feature accepts.
     *
     * @param accepted the kinds it reads
     * @param maxBytes the largest file
     * @param maxPages pages are counted up to one more than this (the caller refuses larger documents itself)
     */
    public record Rules(Set<DocumentKind> accepted, long maxBytes, int maxPages) {
    }

    /** An upload that passed the checks and is stored under {@code key}. */
    public record StoredDocument(String key, DocumentKind kind, long bytes, int pages) {
    }

    /** The upload is larger than {@link Rules#maxBytes()}: the 413 of every upload endpoint. */
    public static class UploadTooLargeException extends Exception {
        public UploadTooLargeException(long maxBytes) {
            super("The file is larger than " + DocumentLimits.mb(maxBytes) + " MB.");
        }
    }

    /**
     * Checks an upload and stores it under {@code key} with its kind's content type.
     *
     * @throws UploadTooLargeException  over {@link Rules#maxBytes()} (read no further than that)
     * @throws InvalidDocumentException empty, of a kind not accepted, unreadable, or over a decoding bound;
     *                                  its message is for the client
     */
    public StoredDocument store(String key, InputStream content, String filename, Rules rules)
            throws UploadTooLargeException, InvalidDocumentException {
        Path file = tempFile();
        try {
            long size = receive(content, file, rules.maxBytes());
            if (size == 0) {
                throw new InvalidDocumentException("empty_file", "The uploaded file is empty.");
            }
            DocumentKind kind = DocumentTypes.detect(file, filename, config.limits(), rules.accepted())
                    .orElseThrow(() -> unsupported(rules.accepted()));
            int pages = DocumentPageExtractor.countPages(file, kind, config.limits(), rules.maxPages());
            if (pages < 1) {
                throw new InvalidDocumentException("invalid_" + kind.extension(), "The " + kind.label() + " has no pages.");
            }
            try (InputStream in = Files.newInputStream(file)) {
                blobs.put(key, in, kind.contentType(), rules.maxBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not store the upload " + key, e);
            }
            return new StoredDocument(key, kind, size, pages);
        } catch (InvalidDocumentException e) {
            LOG.log(Level.INFO, () -> "Upload refused (" + e.code() + "): " + e.getMessage()
                    + (e.getCause() == null ? "" : " [" + e.getCause() + "]"));
            throw e;
        } finally {
            DocumentPageExtractor.deleteQuietly(file);
        }
    }

    /** A temporary file in the data directory, where the uploads themselves go. */
    Path tempFile() {
        try {
            return Files.createTempFile(workDir(), "qalam-upload-", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where documents are copied while they are read. */
    public Path workDir() {
        return data.folder("tmp");
    }

    /** Copies the client's stream into {@code file}, refusing it once it passes {@code maxBytes}. */
    static long receive(InputStream content, Path file, long maxBytes) throws UploadTooLargeException, InvalidDocumentException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                int n;
                try {
                    n = content.read(buf);
                } catch (IOException e) {
                    throw new InvalidDocumentException("upload_failed", "The file could not be received completely.", e);
                }
                if (n < 0) {
                    return total;
                }
                total += n;
                if (total > maxBytes) {
                    throw new UploadTooLargeException(maxBytes);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a temporary copy of the upload", e);
        }
    }

    static InvalidDocumentException unsupported(Set<DocumentKind> accepted) {
        String kinds = accepted.stream().sorted().map(DocumentKind::label).collect(Collectors.joining(", "));
        int last = kinds.lastIndexOf(", ");
        if (last >= 0) {
            kinds = kinds.substring(0, last) + " or " + kinds.substring(last + 2);
        }
        return new InvalidDocumentException("unsupported_file_type", "Unsupported file type: upload a " + kinds + " file.");
    }
}
