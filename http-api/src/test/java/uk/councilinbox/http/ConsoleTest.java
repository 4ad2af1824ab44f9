package uk.councilinbox.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.MockEventServer;
import uk.councilinbox.local.RequiresEmulators;

/** The console's page and modules over HTTP: the headers that keep it to its own code, and JavaScript served as such. */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class ConsoleTest {

    /** The bucket's origin is the emulators' here (the console loads residents' photos from presigned links to it). */
    static final String POLICY = "default-src 'self'; connect-src 'self' ; img-src 'self' data: " + photosOrigin() + "; media-src "
            + photosOrigin() + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static String photosOrigin() {
        java.net.URI s3 = EmulatorsTestResource.emulators().s3Endpoint();
        return s3.getScheme() + "://" + s3.getAuthority();
    }

    ApiClient http;

    @BeforeEach
    void serve() {
        http = new ApiClient(MockEventServer.baseUrl());
    }

    @Test
    void thePageAndEachModuleCarryThePolicyAndNoSniffing() {
        for (String path : List.of("/console/", "/console/console.js", "/console/sign-in.js", "/console/views/case.js", "/console/console.css")) {
            HttpResponse<String> response = http.get(path, null);
            assertEquals(200, response.statusCode(), path);
            assertEquals(POLICY, header(response, "content-security-policy"), path);
            assertEquals("nosniff", header(response, "x-content-type-options"), path);
            assertEquals("no-referrer", header(response, "referrer-policy"), path);
            assertEquals("no-cache", header(response, "cache-control"), path);
        }
        assertTrue(header(http.get("/console/router.js", null), "content-type").startsWith("text/javascript")
                || header(http.get("/console/router.js", null), "content-type").startsWith("application/javascript"));
    }

    @Test
    void thePageHasNoInlineScriptStyleOrHandler() {
        String page = http.get("/console/", null).body();
        assertTrue(page.contains("<script type=\"module\" src=\"console.js\"></script>"), "the entry module");
        assertFalse(page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "an inline script");
        assertFalse(page.matches("(?s).*(<style|\\sstyle=|\\son[a-z]+=).*"), "an inline style or event handler");
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("(none)");
    }
}
