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
import jakarta.enterprise.context.ApplicationScoped;
import uk.councilinbox.photos.MediaSource.Fetched;
import uk.councilinbox.settings.InboxConfig;

/**
 * Downloads one photo or video from a platform's servers: only from the hosts configured
 * ({@code inbox.photos.allowed-hosts}), over HTTPS (plain HTTP to the loopback fake platform only), following at most
 * three redirects and checking each host, never reading more than the limit, and giving up on the whole fetch (headers,
 * redirects and body) after {@link #DEADLINE}. The platform's answer decides what happens: 403, 404 and 410 (an expired
 * or deleted link; Meta's CDN answers 403 once its signature has expired) and other 4xx are the link's end
 * ({@link Fetched.Unavailable}, recorded); a 401 (the council's own credentials refused), a 429, a 5xx, a timeout or a
 * broken connection is thrown, so the job is retried and, if it goes on, reaches the alarmed dead-letter queue.
 */
@ApplicationScoped
public class MediaDownload {

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
    public static final Duration DEADLINE = Duration.ofSeconds(20);
    /** Closes a body still being read at the deadline, so a slow drip cannot outlast the function's timeout. */
    private static final java.util.concurrent.ScheduledExecutorService CUTOFF = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("media-download-cutoff").factory());

    private final HttpClient http;
    private final List<String> allowedHosts;

    public MediaDownload(InboxConfig config) {
        this.allowedHosts = config.photos().allowedHosts().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.platformApi().connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Fetched get(String link, Credentials credentials, long maxBytes) {
        java.time.Instant deadline = java.time.Instant.now().plus(DEADLINE);
        URI uri;
        try {
            uri = URI.create(link == null ? "" : link);
        } catch (IllegalArgumentException e) {
            return new Fetched.Unavailable("the link is not a web address");
        }
        for (int hop = 0; hop <= REDIRECTS; hop++) {
            Optional<String> refused = refusal(uri);
            if (refused.isPresent()) {
                return new Fetched.Unavailable(refused.get());
            }
            Duration left = Duration.between(java.time.Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new PassingFault("the platform took longer than " + DEADLINE.toSeconds() + " s");
            }
            HttpRequest.Builder request;
            try {
                request = HttpRequest.newBuilder(uri).timeout(left).GET()
                        .header("Accept", "image/*, video/*, */*");
            } catch (IllegalArgumentException e) {
                return new Fetched.Unavailable("the link is not a web address the download can use");
            }
            credentials.authorization(uri).ifPresent(value -> request.header("Authorization", value));
            HttpResponse<InputStream> response = send(request.build());
            int status = response.statusCode();
            if (status >= 300 && status < 400 && response.headers().firstValue("Location").isPresent()) {
                close(response);
                try {
                    uri = uri.resolve(response.headers().firstValue("Location").get());
                } catch (IllegalArgumentException e) {
                    // Never in the message: the address is a signed link to a resident's photo.
                    return new Fetched.Unavailable("the platform redirected to something that is not a web address");
                }
                continue;
            }
            if (status == 200) {
                return read(response, maxBytes, deadline);
            }
            close(response);
            if (status == 401 || status == 429 || status >= 500) {
                throw new PassingFault("the platform answered " + status + (status == 401 ? " (the council's credentials were refused)" : ""));
            }
            return new Fetched.Unavailable("the platform answered " + status + (status == 403 || status == 404 || status == 410
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

    private static Fetched read(HttpResponse<InputStream> response, long maxBytes, java.time.Instant deadline) {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBytes) {
            close(response);
            return new Fetched.TooLarge(declared);
        }
        var cutoff = CUTOFF.schedule(() -> close(response), Math.max(1, Duration.between(java.time.Instant.now(), deadline).toMillis()),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (cutoff.isDone()) {
                throw new PassingFault("the platform took longer than " + DEADLINE.toSeconds() + " s to send the file");
            }
            if (bytes.length > maxBytes) {
                return new Fetched.TooLarge(bytes.length);
            }
            return new Fetched.Download(bytes, response.headers().firstValue("Content-Type"));
        } catch (IOException e) {
            throw new UncheckedIOException("download broke off: " + e.getClass().getSimpleName(), e);
        } finally {
            cutoff.cancel(false);
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
