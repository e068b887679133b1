package dev.qalam.platform.storage;

import dev.qalam.platform.config.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Chooses the blob store: the local folder under the data directory by default. */
@ApplicationScoped
public class BlobStoreProducer {

    @Inject
    DataDirectory dataDirectory;

    @Inject
    UrlSigner signer;

    @Produces
    @ApplicationScoped
    BlobStore blobStore() {
        try {
            return new LocalBlobStore(dataDirectory.folder("blobs"), signer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
