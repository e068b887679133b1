package dev.qalam.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Opening DOCX and PPTX packages (ZIP archives of XML parts) defensively. POI's {@link ZipSecureFile} refuses
 * an entry that inflates more than a hundredfold or past {@link DocumentLimits#maxOoxmlEntryBytes()}, and an
 * archive of more than {@link DocumentLimits#maxOoxmlEntries()} entries; before POI parses anything, every
 * XML part is inflated once through it into a counter, so that all of them together stay under
 * {@link DocumentLimits#maxOoxmlXmlBytes()} (POI holds them in memory as DOM trees, several times their size).
 * Media (images, fonts, embedded files) are never inflated: nothing here reads them.
 */
final class OoxmlPackages {

    private static final Object SETTINGS = new Object();
    private static DocumentLimits applied;

    private OoxmlPackages() {
    }

    /** Which kind the package is (DOCX or PPTX, by its main part's content type), if it is one Qalam reads. */
    static Optional<DocumentKind> detect(Path file, String filename, DocumentLimits limits) throws InvalidDocumentException {
        DocumentKind claimed = byName(filename);
        try (Opened opened = open(file, claimed, limits)) {
            List<PackagePart> main = opened.pkg().getPartsByRelationshipType(PackageRelationshipTypes.CORE_DOCUMENT);
            if (main.isEmpty()) {
                return Optional.empty();
            }
            String type = main.get(0).getContentType().toLowerCase(Locale.ROOT);
            if (type.contains("wordprocessingml") || type.contains("ms-word")) {
                return Optional.of(DocumentKind.DOCX);
            }
            if (type.contains("presentationml") || type.contains("ms-powerpoint")) {
                return Optional.of(DocumentKind.PPTX);
            }
            return Optional.empty();
        } catch (InvalidDocumentException e) {
            if (claimed == null && !(e instanceof DocumentLimitException)) {
                // A ZIP archive that is not an Office document at all.
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A package opened read-only; closing it releases the file without writing anything back. */
    record Opened(OPCPackage pkg) implements AutoCloseable {
        @Override
        public void close() {
            // close() is for saving: POI warns and reverts when it is called on a read-only package.
            pkg.revert();
        }
    }

    /**
     * Opens the package read-only after checking its entries; {@code kind} names the file in messages (null
     * when not known yet).
     */
    static Opened open(Path file, DocumentKind kind, DocumentLimits limits) throws InvalidDocumentException {
        applySettings(limits);
        String label = kind == null ? "Office" : kind.label();
        checkEntries(file, label, limits);
        try {
            return new Opened(OPCPackage.open(file.toFile(), PackageAccess.READ));
        } catch (InvalidFormatException | RuntimeException e) {
            throw invalid(kind, label, e);
        }
    }

    private static void checkEntries(Path file, String label, DocumentLimits limits) throws InvalidDocumentException {
        try (ZipSecureFile zip = new ZipSecureFile(file.toFile())) {
            long xml = 0;
            int entries = 0;
            Enumeration<ZipArchiveEntry> all = zip.getEntries();
            while (all.hasMoreElements()) {
                ZipArchiveEntry entry = all.nextElement();
                if (++entries > limits.maxOoxmlEntries()) {
                    throw new DocumentLimitException("document_too_large", "The " + label + " file holds more than "
                            + limits.maxOoxmlEntries() + " parts; at most " + limits.maxOoxmlEntries() + " are read.");
                }
                String name = entry.getName().toLowerCase(Locale.ROOT);
                if (entry.isDirectory() || !(name.endsWith(".xml") || name.endsWith(".rels"))) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    xml += in.transferTo(OutputStream.nullOutputStream());
                }
                if (xml > limits.maxOoxmlXmlBytes()) {
                    throw new DocumentLimitException("document_too_large", "The " + label + " file's text and layout "
                            + "expand to more than " + limits.maxOoxmlXmlBytes() / DocumentLimits.MB + " MB; at most "
                            + limits.maxOoxmlXmlBytes() / DocumentLimits.MB + " MB is read.");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (isZipBomb(e)) {
                throw new DocumentLimitException("document_too_large", "A part of the " + label + " file expands more "
                        + "than " + Math.round(1 / limits.minInflateRatio()) + " times or past "
                        + limits.maxOoxmlEntryBytes() / DocumentLimits.MB + " MB when unpacked; it is not read.", e);
            }
            throw new InvalidDocumentException(code(label), "The " + label + " file cannot be read.", e);
        }
    }

    /** POI reports its zip-bomb checks as IOExceptions saying so. */
    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("Zip bomb") || m.contains("exceeded the max entry size")
                    || m.contains("max file count") || m.contains(ZipSecureFile.MAX_FILE_COUNT_MSG))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static InvalidDocumentException invalid(DocumentKind kind, String label, Throwable cause) {
        if (isZipBomb(cause)) {
            return new DocumentLimitException("document_too_large", "A part of the " + label
                    + " file expands too much when unpacked; it is not read.", cause);
        }
        return new InvalidDocumentException(kind == null ? "unsupported_file_type" : code(label),
                "The " + label + " file cannot be read.", cause);
    }

    private static String code(String label) {
        return switch (label) {
            case "DOCX" -> "invalid_docx";
            case "PPTX" -> "invalid_pptx";
            default -> "invalid_office_file";
        };
    }

    private static DocumentKind byName(String filename) {
        String n = filename == null ? "" : filename.toLowerCase(Locale.ROOT).strip();
        if (n.endsWith(".docx") || n.endsWith(".docm") || n.endsWith(".dotx")) {
            return DocumentKind.DOCX;
        }
        if (n.endsWith(".pptx") || n.endsWith(".pptm") || n.endsWith(".ppsx") || n.endsWith(".potx")) {
            return DocumentKind.PPTX;
        }
        return null;
    }

    /**
     * POI's ZIP settings are static, for the whole server: set them from the limits once (and again only
     * if different limits are asked for, as tests do).
     */
    private static void applySettings(DocumentLimits limits) {
        synchronized (SETTINGS) {
            if (limits.equals(applied)) {
                return;
            }
            ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
            ZipSecureFile.setMaxEntrySize(limits.maxOoxmlEntryBytes());
            ZipSecureFile.setMaxFileCount(limits.maxOoxmlEntries());
            ZipSecureFile.setMaxTextSize(limits.maxTextChars());
            applied = limits;
        }
    }
}
