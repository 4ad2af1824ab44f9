package uk.councilinbox.channels.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.councilinbox.testing.TestConfig;

/** Instagram's host, account and token follow its login type, never mixed; a configuration that mixes them fails at start-up. */
class MetaSendRoutesTest {

    private static final Map<String, String> PRODUCTION = Map.of(
            "inbox.meta.graph-url", "https://graph.facebook.com",
            "inbox.meta.page-id", "104512345678901",
            "inbox.meta.page-access-token", "page-token",
            "inbox.instagram.graph-url", "https://graph.instagram.com",
            "inbox.instagram.account-id", "17841412345678901",
            "inbox.instagram.access-token", "instagram-user-token");

    @Test
    void underInstagramLoginInstagramRepliesGoToGraphInstagramWithTheInstagramToken() {
        MetaSendRoutes routes = routes(Map.of("inbox.instagram.login-type", "instagram"));
        assertEquals(new MetaSendRoutes.Route("https://graph.instagram.com", "17841412345678901", "Bearer instagram-user-token"), routes.instagram());
        assertEquals(new MetaSendRoutes.Route("https://graph.facebook.com", "104512345678901", "Bearer page-token"), routes.page());
    }

    @Test
    void underFacebookLoginInstagramRepliesGoThroughThePageWithThePageToken() {
        MetaSendRoutes routes = routes(Map.of("inbox.instagram.login-type", "facebook"));
        assertSame(routes.page(), routes.instagram());
        assertEquals(new MetaSendRoutes.Route("https://graph.facebook.com", "104512345678901", "Bearer page-token"), routes.instagram());
    }

    @Test
    void instagramLoginWithTheFacebookHostFailsAtStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> routes(Map.of(
                "inbox.instagram.login-type", "instagram", "inbox.instagram.graph-url", "https://graph.facebook.com/")));
        assertTrue(e.getMessage().contains("INSTAGRAM_GRAPH_URL is graph.facebook.com"), e.getMessage());
    }

    @Test
    void instagramLoginWithThePageTokenFailsAtStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> routes(Map.of(
                "inbox.instagram.login-type", "instagram", "inbox.instagram.access-token", "page-token")));
        assertTrue(e.getMessage().contains("Instagram user access token"), e.getMessage());
    }

    @Test
    void messengerOnTheInstagramHostFailsAtStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> routes(Map.of(
                "inbox.meta.graph-url", "https://graph.instagram.com")));
        assertTrue(e.getMessage().contains("META_GRAPH_URL"), e.getMessage());
    }

    @Test
    void anUnknownLoginTypeFailsAtStartUp() {
        assertThrows(RuntimeException.class, () -> routes(Map.of("inbox.instagram.login-type", "business")));
    }

    @Test
    void aUtilityTemplateMarkedApprovedWithoutANameFailsAtStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> routes(Map.of(
                "inbox.meta.utility-template.approved", "true")));
        assertTrue(e.getMessage().contains("META_UTILITY_TEMPLATE_NAME"), e.getMessage());
    }

    private static MetaSendRoutes routes(Map<String, String> changes) {
        Map<String, String> config = new HashMap<>(PRODUCTION);
        config.putAll(changes);
        return new MetaSendRoutes(TestConfig.with(config));
    }
}
