package uk.councilinbox.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.MockEventServer;
import uk.councilinbox.local.RequiresEmulators;

/** {@code GET /api/sign-in}: the one staff path without a token; with no provider configured it offers nothing. */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class SignInSettingsTest {

    @Test
    void theSettingsNeedNoTokenAndOfferNoDevelopmentSignInOutsideTheLocalRun() throws Exception {
        ApiClient api = new ApiClient(MockEventServer.baseUrl());
        var response = api.get("/api/sign-in", null);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode settings = new ObjectMapper().readTree(response.body());
        assertFalse(settings.path("developmentSignIn").asBoolean(true));
        assertTrue(settings.path("authorizationEndpoint").isNull(), "no provider is configured in the tests");
        assertEquals("openid email profile", settings.path("scopes").asText());
        assertEquals("id_token", settings.path("bearer").asText());
        // Only that path: its neighbours still need a token.
        assertEquals(401, api.get("/api/sign-in/x", null).statusCode());
        assertEquals(401, api.get("/api/me", null).statusCode());
    }
}
