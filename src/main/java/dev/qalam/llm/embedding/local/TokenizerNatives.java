package dev.qalam.llm.embedding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Settles two things about DJL's tokenizers library before a tokenizer is created, because both are read
 * from JVM-wide system properties (or environment variables of the same name):
 * <ul>
 *   <li>{@code OPT_OUT_TRACKING}: on creating a tokenizer DJL otherwise asks the EC2 metadata address
 *       (169.254.169.254) who it runs on and reports usage to Amazon. With no network that costs up to four
 *       one-second connect time-outs; with a network it is a call home nobody configured. Seen with strace:
 *       four connects without the property, none with it.</li>
 *   <li>{@code ENGINE_CACHE_DIR}: where DJL extracts {@code libtokenizers.so} from its jar (the Linux
 *       x86_64 and aarch64 libraries ship inside it; nothing is downloaded). By default that is a fixed
 *       folder, {@code ~/.djl.ai/tokenizers/<version>}, and that breaks an application restarted inside a
 *       running server (Liberty dev mode, a redeployed WAR): the JVM refuses to bind a library file already
 *       bound to the previous application's class loader ("already loaded in another classloader",
 *       reproduced with two class loaders). So each load extracts into a fresh private folder, deleted as
 *       soon as the library is loaded (Linux keeps the mapping), as ONNX Runtime does with its own library.
 *       DJL also trusts any library already present in its folder; a fresh folder has none.</li>
 * </ul>
 * An operator who sets either variable in the environment keeps the value.
 */
final class TokenizerNatives {

    /** Remembers that ENGINE_CACHE_DIR holds a folder this class chose, which a later load may replace. */
    private static final String OWNED_MARKER = "qalam.embedding.nativeFolder";

    private TokenizerNatives() {
    }

    /**
     * Prepares DJL for the next tokenizer; returns the fresh extraction folder to pass to {@link #cleanUp}
     * once the tokenizer exists, or empty when the operator chose DJL's folder.
     *
     * @param parent where to create the extraction folder; empty for the JVM's temporary folder
     */
    static synchronized Optional<Path> prepare(Optional<Path> parent) {
        if (isBlank(System.getenv("OPT_OUT_TRACKING")) && isBlank(System.getProperty("OPT_OUT_TRACKING"))) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (!isBlank(System.getenv("ENGINE_CACHE_DIR")) || !isBlank(System.getenv("DJL_CACHE_DIR"))) {
            return Optional.empty();
        }
        String current = System.getProperty("ENGINE_CACHE_DIR");
        if (!isBlank(current) && !current.equals(System.getProperty(OWNED_MARKER))) {
            return Optional.empty();
        }
        try {
            Path folder = parent.isPresent()
                    ? Files.createTempDirectory(Files.createDirectories(parent.get()), "djl")
                    : Files.createTempDirectory("qalam-djl");
            String value = folder.toAbsolutePath().toString();
            System.setProperty("ENGINE_CACHE_DIR", value);
            System.setProperty(OWNED_MARKER, value);
            return Optional.of(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for the tokenizer's native library", e);
        }
    }

    /** Deletes the extraction folder: the library, once loaded, stays mapped in the process. */
    static void cleanUp(Optional<Path> folder) {
        if (folder.isEmpty()) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder.get())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover folder holds one library file and is never reused.
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
