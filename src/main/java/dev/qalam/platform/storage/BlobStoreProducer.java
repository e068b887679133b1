package dev.qalam.platform.storage;

import dev.qalam.platform.config.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Chooses the blob store: an S3-compatible bucket when {@code QALAM_S3_BUCKET} is set, else the local
 * folder under the data directory.
 */
@ApplicationScoped
public class BlobStoreProducer {

    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class.getName());

    @Inject
    DataDirectory dataDirectory;

    @Inject
    UrlSigner signer;

    @Inject
    Config config;

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        Optional<S3Settings> s3 = S3Settings.from(name -> config.getOptionalValue(name, String.class));
        if (s3.isPresent()) {
            S3BlobStore store = new S3BlobStore(s3.get());
            // A missing bucket is logged, not fatal: the rest of the API keeps working while it is created.
            store.checkBucket();
            return store;
        }
        try {
            return new LocalBlobStore(dataDirectory.folder("blobs"), signer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds the store when the application starts rather than on first use, so a bad setting or a
     * missing bucket shows in the startup log, not in the middle of someone's first upload.
     */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started, BlobStore store) {
        LOG.info(() -> "Blob store: " + (store.isObjectStore() ? "S3-compatible bucket" : "local folder"));
    }

    void close(@Disposes BlobStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
