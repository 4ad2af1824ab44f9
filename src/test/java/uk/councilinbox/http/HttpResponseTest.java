package uk.councilinbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"plain", "unknown filter \"a\u0001b\"", "tab\there, newline\nthere", "back\\slash", "nul \u0000",
            "right-to-left \u202e mark", "lone surrogate \ud800", "emoji \ud83d\ude00", "</script>"})
    void anErrorBodyIsValidJsonCarryingTheMessageWhateverItHolds(String message) throws Exception {
        HttpResponse response = HttpResponse.error(400, message);

        assertEquals("application/json", response.headers().get("content-type"));
        assertEquals(message, JSON.readTree(response.body()).path("error").asText());
    }
}
