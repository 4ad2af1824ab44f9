package uk.councilinbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the HTTP function turns away before Quarkus sees it; everything else goes through untouched. */
class HttpEntryTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api//cases", "//api/cases", "/api/./cases", "/api/cases/../me", "/console/..",
            "/open311/v2/..%2F..%2Fapi%2Fbulk%2Fstatus", "/api/me%2F", "/api/cases/%2e%2e/me", "/console%5c"})
    void aPathNotInItsPlainFormIsNoSuchEndpoint(String path) {
        assertEquals(new HttpEntry.Refusal(404, "no such endpoint"), HttpEntry.refusal(event(path, "authorization", "Bearer 00")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256=ab\\u0000cd", "a\\r\\nset-cookie: x", "bell\\u0007", "del\\u007f"})
    void aHeaderWithAControlCharacterIsABadRequest(String value) {
        assertEquals(new HttpEntry.Refusal(400, "a request header holds a control character"),
                HttpEntry.refusal(event("/api/me", "authorization", value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/open311/v2/services.json", "/api/cases/K7PD-M4QX/status", "/console/", "/q/openapi", "/api/cases.csv..x"})
    void ordinaryRequestsPassWhateverTheirHeadersSayInPrintableText(String path) {
        assertNull(HttpEntry.refusal(event(path, "user-agent", "facebookexternalua\\tv1 \\u202e émoji 😀")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1]", "{\"Records\":[]}"})
    void anythingThatIsNotAnHttpEventIsLeftToQuarkus(String event) {
        assertNull(HttpEntry.refusal(event.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] event(String path, String header, String jsonEscapedValue) {
        return ("{\"version\":\"2.0\",\"rawPath\":\"" + path + "\",\"headers\":{\"" + header + "\":\"" + jsonEscapedValue + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
