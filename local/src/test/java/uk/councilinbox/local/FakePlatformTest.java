package uk.councilinbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fake platform serves only the Graph API versions Meta serves on 21 January 2027, so the tests prove the configured one. */
class FakePlatformTest {

    @ParameterizedTest
    @CsvSource({"meta, v25.0, /me/messages, 200", "meta, v21.0, /me/messages, 400", "instagram, v20.0, /me/messages, 400",
            "whatsapp, v25.0, /100000000000001/messages, 200", "whatsapp, v21.0, /100000000000001/messages, 404"})
    void aSendAtAVersionMetaNoLongerServesIsRefused(String host, String version, String path, int status) throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            String base = platform.senderConfig().get("inbox." + host + ".graph-url");
            String body = host.equals("whatsapp")
                    ? "{\"messaging_product\":\"whatsapp\",\"to\":\"447700900123\",\"type\":\"text\",\"text\":{\"body\":\"hello\"}}"
                    : "{\"recipient\":{\"id\":\"1\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hello\"}}";
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/" + version + path))
                    .header("content-type", "application/json").header("authorization", "Bearer local-token").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(status, response.statusCode(), response.body());
            assertEquals(status == 200 ? 1 : 0, platform.outbox().size());
        }
    }
}
