package uk.councilinbox.channels;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import uk.councilinbox.settings.InboxConfig;

/**
 * Typed REST clients for the platforms' send APIs. Built from {@code inbox.*} base URLs so one
 * interface can serve two hosts (Messenger's and Instagram's Graph API) and tests can point them at
 * the local fake platform. Short timeouts ({@code inbox.platform-api.*}): a slow platform is retried through the queue.
 */
public final class RestClients {

    private RestClients() {}

    public static <T> T create(Class<T> api, String baseUrl, InboxConfig.PlatformApi timeouts) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(timeouts.connectTimeoutMs(), TimeUnit.MILLISECONDS)
                .readTimeout(timeouts.readTimeoutMs(), TimeUnit.MILLISECONDS)
                .build(api);
    }
}
