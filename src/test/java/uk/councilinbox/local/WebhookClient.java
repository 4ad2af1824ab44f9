package uk.councilinbox.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import uk.councilinbox.channels.HmacSha256;

/** Posts webhooks the way each platform does: real HTTP, signed over the exact bytes sent. */
public final class WebhookClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public WebhookClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static byte[] fixture(String name) {
        try (InputStream in = WebhookClient.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Meta (Messenger, Instagram, WhatsApp) delivery signed with the local app secret. */
    public HttpResponse<String> postMeta(String platform, byte[] body) {
        return post("/webhooks/" + platform, body, MetaHeader.NAME,
                HmacSha256.signature(Defaults.META_APP_SECRET, body, HmacSha256.Encoding.HEX));
    }

    /** An X delivery signed with the local consumer secret. */
    public HttpResponse<String> postX(byte[] body) {
        return post("/webhooks/x", body, "x-twitter-webhooks-signature",
                HmacSha256.signature(Defaults.X_CONSUMER_SECRET, body, HmacSha256.Encoding.BASE64));
    }

    public HttpResponse<String> post(String path, byte[] body, String signatureHeader, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signatureHeader != null && signature != null) {
            request.header(signatureHeader, signature);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class MetaHeader {
        static final String NAME = "X-Hub-Signature-256";
    }
}
