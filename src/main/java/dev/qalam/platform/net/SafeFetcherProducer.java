package dev.qalam.platform.net;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/** The application's one {@link SafeFetcher}, configured from {@code QALAM_FETCH_*}, closed at shutdown. */
@ApplicationScoped
public class SafeFetcherProducer {

    private static final Logger LOG = Logger.getLogger(SafeFetcherProducer.class.getName());

    @Inject
    Config config;

    @Produces
    @Singleton
    SafeFetcher safeFetcher() {
        FetchSettings settings = FetchSettings.from(name -> config.getOptionalValue(name, String.class));
        if (!settings.allowHosts().isEmpty()) {
            LOG.warning(() -> FetchSettings.ALLOW_HOSTS + " lets URL fetches reach " + settings.allowHosts()
                    + " whatever their address: a setting for tests, never for production.");
        }
        return new SafeFetcher(settings);
    }

    void close(@Disposes SafeFetcher fetcher) {
        fetcher.close();
    }
}
