package uk.councilinbox.channels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.councilinbox.photos.MediaSource.Fetched;
import uk.councilinbox.settings.InboxConfig;

/**
 * Downloads one photo or video from a platform's servers: only from the hosts configured
 * ({@code inbox.photos.allowed-hosts}), over HTTPS (plain HTTP to the loopback fake platform only), following at most
 * three redirects and checking each host, and never reading more than the limit. The platform's answer decides what
 * happens: a 4xx is the link's end ({@link Fetched.Unavailable}, recorded); a 429, a 5xx or a broken connection is
 * thrown, so the job is retried.
 */
public final class MediaDownload {

    /** A passing fault: the job is retried by the queue. */
    public static final class PassingFault extends RuntimeException {
        public PassingFault(String message) {
            super(message);
        }
    }

    /** The {@code Authorization} header a platform wants for one address, if any: decided per hop, so a redirect elsewhere gets none. */
    @FunctionalInterface
    public interface Credentials {
        Optional<String> authorization(URI uri);

        Credentials NONE = uri -> Optional.empty();

        /** A bearer token, sent only to {@code hosts}. */
        static Credentials bearer(String token, List<String> hosts) {
            return uri -> hosts.contains(uri.getHost().toLowerCase(Locale.ROOT)) ? Optional.of("Bearer " + token) : Optional.empty();
        }
    }

    private static final int REDIRECTS = 3;

    private final HttpClient http;
    private final List<String> allowedHosts;
    private final Duration timeout;

    public MediaDownload(InboxConfig config) {
        this.allowedHosts = config.photos().allowedHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.timeout = Duration.ofSeconds(20);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.platformApi().connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Fetched get(String link, Credentials credentials, long maxBytes) {
        URI uri;
        try {
            uri = URI.create(link);
        } catch (IllegalArgumentException e) {
            return new Fetched.Unavailable("the link is not a web address");
        }
        for (int hop = 0; hop <= REDIRECTS; hop++) {
            Optional<String> refused = refusal(uri);
            if (refused.isPresent()) {
                return new Fetched.Unavailable(refused.get());
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET().header("Accept", "image/*, video/*, */*");
            credentials.authorization(uri).ifPresent(value -> request.header("Authorization", value));
            HttpResponse<InputStream> response = send(request.build());
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                close(response);
                uri = uri.resolve(response.headers().firstValue("Location").get());
                continue;
            }
            if (status == 200) {
                return read(response, maxBytes);
            }
            close(response);
            if (status == 429 || status >= 500) {
                throw new PassingFault("the platform answered " + status);
            }
            return new Fetched.Unavailable("the platform answered " + status + (status == 404 || status == 410
                    ? ": the link has expired or the file was deleted" : ": it refused the download"));
        }
        return new Fetched.Unavailable("too many redirects");
    }

    private Optional<String> refusal(URI uri) {
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        String host = Optional.ofNullable(uri.getHost()).orElse("").toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            return Optional.of("the link has no host");
        }
        if (!allowed(host)) {
            return Optional.of("the link is not to a platform's servers");
        }
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            return Optional.of("the link is not HTTPS");
        }
        return Optional.empty();
    }

    private boolean allowed(String host) {
        return allowedHosts.stream().anyMatch(a -> a.startsWith(".") ? host.endsWith(a) : host.equals(a));
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("download failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PassingFault("interrupted");
        }
    }

    private static Fetched read(HttpResponse<InputStream> response, long maxBytes) {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
            close(response);
            return new Fetched.TooLarge(declared);
        }
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                return new Fetched.TooLarge(bytes.length);
            }
            return new Fetched.Download(bytes, response.headers().firstValue("Content-Type"));
        } catch (IOException e) {
            throw new UncheckedIOException("download broke off: " + e.getClass().getSimpleName(), e);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // Nothing more to read from it.
        }
    }
}
