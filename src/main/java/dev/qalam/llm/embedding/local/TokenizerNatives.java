package dev.qalam.llm.embedding.local;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Settles two things about DJL's tokenizers library before its first use, because both are read from
 * JVM-wide system properties (or environment variables of the same name):
 * <ul>
 *   <li>{@code OPT_OUT_TRACKING}: on creating a tokenizer DJL otherwise asks the EC2 metadata address
 *       (169.254.169.254) who it runs on and reports usage to Amazon. With no network that costs up to four
 *       one-second connect time-outs; with a network it is a call home nobody configured. Seen with strace:
 *       four connects without the property, none with it.</li>
 *   <li>{@code ENGINE_CACHE_DIR}: where DJL extracts {@code libtokenizers.so} from its jar (the Linux
 *       x86_64 and aarch64 libraries ship inside it; nothing is downloaded). DJL trusts a library already
 *       present there, so the server points it at a folder it owns (under the data directory) instead of
 *       {@code ~/.djl.ai}, or a world-writable temporary folder.</li>
 * </ul>
 * An operator who sets either variable keeps the value.
 */
final class TokenizerNatives {

    private TokenizerNatives() {
    }

    static synchronized void prepare(Optional<Path> cacheDir) {
        if (unset("OPT_OUT_TRACKING")) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (cacheDir.isPresent() && unset("ENGINE_CACHE_DIR") && unset("DJL_CACHE_DIR")) {
            System.setProperty("ENGINE_CACHE_DIR", cacheDir.get().toAbsolutePath().toString());
        }
    }

    private static boolean unset(String name) {
        return isBlank(System.getenv(name)) && isBlank(System.getProperty(name));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
