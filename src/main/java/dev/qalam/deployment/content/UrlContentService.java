package dev.qalam.deployment.content;

import dev.qalam.platform.net.SafeFetcher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Reads {@code url} content parts for the chat pipeline: the CDI face of {@link UrlContentReader}, configured from
 * {@code QALAM_CONTENT_*} and using the application's {@link SafeFetcher}.
 */
@ApplicationScoped
public class UrlContentService {

    private static final Logger LOG = Logger.getLogger(UrlContentService.class.getName());

    @Inject
    Config config;

    @Inject
    SafeFetcher fetcher;

    private UrlContentReader reader;

    @PostConstruct
    void start() {
        ContentSettings settings = ContentSettings.from(name -> config.getOptionalValue(name, String.class));
        reader = new UrlContentReader(settings, fetcher);
        LOG.fine(() -> "URL content parts: " + settings);
    }

    /** See {@link UrlContentReader#read}. */
    public Attachment read(UrlPart part) {
        return reader.read(part);
    }
}
