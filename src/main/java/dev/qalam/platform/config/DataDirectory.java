package dev.qalam.platform.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one folder that holds everything the server keeps ({@code QALAM_DATA_DIR}): database, blobs,
 * search index, secrets. Defaults to {@code data/} in the server's working (output) directory.
 */
@ApplicationScoped
public class DataDirectory {

    @Inject
    @ConfigProperty(name = "QALAM_DATA_DIR")
    Optional<String> configured;

    private Path root;

    @PostConstruct
    void init() {
        root = configured.filter(s -> !s.isBlank()).map(Path::of).orElse(Path.of("data")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-folder of the data directory, created if missing. */
    public Path folder(String name) {
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("Not inside the data directory: " + name);
        }
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
