package uk.councilinbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * The fake platform serves only the Graph API versions Meta serves on 21 January 2027, so the tests prove the configured one;
 * and only the Send API forms Meta documents, so the tests prove the senders' requests.
 */
class FakePlatformTest {

    private static final String TEXT = "{\"recipient\":{\"id\":\"1\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"hello\"}}";
    private static final String UTILITY = "{\"recipient\":{\"id\":\"1\"},\"messaging_type\":\"UTILITY\",\"message\":{\"template\":"
            + "{\"name\":\"case_status_update\",\"language\":{\"code\":\"en_GB\"},\"components\":[{\"type\":\"body\",\"parameters\":"
            + "[{\"type\":\"text\",\"text\":\"ABCD-EFGH\"},{\"type\":\"text\",\"text\":\"resolved\"}]}]}}}";

    @ParameterizedTest
    @CsvSource({"meta, v25.0, 200", "meta, v21.0, 400", "instagram, v20.0, 400", "whatsapp, v25.0, 200", "whatsapp, v21.0, 404"})
    void aSendAtAVersionMetaNoLongerServesIsRefused(String host, String version, int status) throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            String account = switch (host) {
                case "meta" -> FakePlatform.PAGE_ID;
                case "instagram" -> FakePlatform.INSTAGRAM_ACCOUNT_ID;
                default -> "100000000000001";
            };
            String body = host.equals("whatsapp")
                    ? "{\"messaging_product\":\"whatsapp\",\"to\":\"447700900123\",\"type\":\"text\",\"text\":{\"body\":\"hello\"}}"
                    : TEXT;
            HttpResponse<String> response = send(platform, host, version + "/" + account, token(host), body);
            assertEquals(status, response.statusCode(), response.body());
            assertEquals(status == 200 ? 1 : 0, platform.outbox().size());
        }
    }

    @ParameterizedTest
    @CsvSource({"meta, me", "meta, 17841400000000011", "instagram, 100000000000011", "instagram, me"})
    void aSendToAnotherAccountThanTheHostsOwnIsRefused(String host, String account) throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            HttpResponse<String> response = send(platform, host, "v25.0/" + account, token(host), TEXT);
            assertEquals(400, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"code\":100"), response.body());
        }
    }

    @Test
    void eachHostTakesOnlyItsOwnToken() throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            HttpResponse<String> instagramTokenOnFacebook = send(platform, "meta", "v25.0/" + FakePlatform.PAGE_ID, token("instagram"), TEXT);
            HttpResponse<String> pageTokenOnInstagram = send(platform, "instagram", "v25.0/" + FakePlatform.INSTAGRAM_ACCOUNT_ID, token("meta"), TEXT);
            assertTrue(instagramTokenOnFacebook.body().contains("\"code\":190"), instagramTokenOnFacebook.body());
            assertTrue(pageTokenOnInstagram.body().contains("\"code\":190"), pageTokenOnInstagram.body());
            assertEquals(0, platform.outbox().size());
        }
    }

    @Test
    void aUtilityTemplateGoesToMessengerAsATemplateWithItsParameters() throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            HttpResponse<String> response = send(platform, "meta", "v25.0/" + FakePlatform.PAGE_ID, token("meta"), UTILITY);
            assertEquals(200, response.statusCode(), response.body());
            FakePlatform.Sent sent = platform.outbox().getFirst();
            assertEquals("utility_template", sent.kind());
            assertEquals("case_status_update", sent.template());
            assertTrue(sent.text().contains("ABCD-EFGH | resolved"), sent.text());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUtilityMessages")
    void aMalformedUtilityMessageIsRefused(String what, String body) throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            HttpResponse<String> response = send(platform, "meta", "v25.0/" + FakePlatform.PAGE_ID, token("meta"), body);
            assertEquals(400, response.statusCode(), what + ": " + response.body());
            assertTrue(response.body().contains("\"code\":100"), response.body());
            assertEquals(0, platform.outbox().size());
        }
    }

    static Stream<Arguments> malformedUtilityMessages() {
        return Stream.of(
                Arguments.of("no language", UTILITY.replace(",\"language\":{\"code\":\"en_GB\"}", "")),
                Arguments.of("a text as well", UTILITY.replace("\"message\":{", "\"message\":{\"text\":\"hello\",")),
                Arguments.of("an empty parameter", UTILITY.replace("\"text\":\"ABCD-EFGH\"", "\"text\":\"\"")),
                Arguments.of("no parameters", UTILITY.substring(0, UTILITY.indexOf("[{\"type\":\"body\"")) + "[]}}}"),
                Arguments.of("a template without UTILITY", UTILITY.replace("UTILITY", "RESPONSE")),
                Arguments.of("a withdrawn tag", UTILITY.replace("\"messaging_type\":\"UTILITY\"",
                        "\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"ACCOUNT_UPDATE\"")));
    }

    @Test
    void instagramHasNoUtilityMessages() throws Exception {
        try (FakePlatform platform = new FakePlatform()) {
            HttpResponse<String> response = send(platform, "instagram", "v25.0/" + FakePlatform.INSTAGRAM_ACCOUNT_ID, token("instagram"), UTILITY);
            assertEquals(400, response.statusCode(), response.body());
        }
    }

    private static String token(String host) {
        return switch (host) {
            case "meta" -> FakePlatform.PAGE_TOKEN;
            case "instagram" -> FakePlatform.INSTAGRAM_TOKEN;
            default -> "local-token";
        };
    }

    private static HttpResponse<String> send(FakePlatform platform, String host, String versionAndAccount, String token, String body)
            throws Exception {
        String base = platform.senderConfig().get("inbox." + host + ".graph-url");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/" + versionAndAccount + "/messages"))
                        .header("content-type", "application/json").header("authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
