package dev.qalam.deployment.content;

import dev.qalam.platform.net.SafeFetcher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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

    private ContentSettings settings;
    private UrlContentReader reader;

    @PostConstruct
    void start() {
        settings = ContentSettings.from(name -> config.getOptionalValue(name, String.class));
        reader = new UrlContentReader(settings, fetcher);
    }

    /**
     * Created when the application starts rather than at the first attachment (observing the start creates the
     * bean), so that a wrong content or fetch setting stops the start with a message naming it.
     */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.info(() -> "URL content parts: at most " + ContentErrors.size(settings.maxBytes()) + " per data: URL, "
                + settings.maxPages() + " pages, " + settings.maxScreenshots() + " page images; "
                + settings.fonts().size() + " fonts for web page images");
    }

    /** See {@link UrlContentReader#read}. */
    public Attachment read(UrlPart part) {
        return reader.read(part);
    }
}
