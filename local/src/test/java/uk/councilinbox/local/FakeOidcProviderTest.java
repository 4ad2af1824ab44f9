package uk.councilinbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local OpenID provider: a code only for the verifier whose S256 challenge the authorize request carried, once. */
class FakeOidcProviderTest {

    private static final String REDIRECT = "http://127.0.0.1/console/";
    // A verifier and its S256 challenge, worked out apart (openssl dgst -sha256 -binary | base64url).
    private static final String VERIFIER = "dBjftJeZ4CVP-mJ92K9qGb2mBahgg8wgPnHwWwOOGDM";
    private static final String CHALLENGE = "Vu3TgSn6wvaQHG1b5IXNNVpKLG8wMtnI4Ld07Iy2s5w";

    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(FakeOidcProvider.PREFIX, new FakeOidcProvider());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theChallengeIsS256OfTheVerifier() {
        assertEquals(CHALLENGE, FakeOidcProvider.s256(VERIFIER));
    }

    @Test
    void aCodeGivesTokensOnlyForItsVerifierAndOnlyOnce() throws Exception {
        assertEquals(400, authorize(Map.of("response_type", "code", "client_id", DevTokens.AUDIENCE, "redirect_uri", REDIRECT)).statusCode(),
                "no challenge");

        String refusedCode = code(authorize(request("s1", "n1")));
        assertEquals(400, token(refusedCode, "a-different-verifier-of-enough-length-0123456789").statusCode(), "wrong verifier");
        assertEquals(400, token(refusedCode, VERIFIER).statusCode(), "a code refused once is spent");

        HttpResponse<String> back = authorize(request("s2", "n2"));
        assertTrue(back.headers().firstValue("location").orElseThrow().endsWith("&state=s2"), back.headers().toString());
        String code = code(back);
        HttpResponse<String> tokens = token(code, VERIFIER);
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode body = json.readTree(tokens.body());
        JsonWebToken id = verified(body.path("id_token").asText());
        assertEquals("n2", id.getClaim("nonce"));
        assertEquals(Set.of("agent"), id.getGroups());
        assertEquals(FakeOidcProvider.STAFF_ID, verified(body.path("access_token").asText()).getSubject());
        assertEquals(400, token(code, VERIFIER).statusCode(), "a code is used once");
    }

    @Test
    void discoveryNamesTheEndpointsAndS256() throws Exception {
        JsonNode doc = json.readTree(client.send(HttpRequest.newBuilder(base(".well-known/openid-configuration")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(base("token").toString(), doc.path("token_endpoint").asText());
        assertEquals("S256", doc.path("code_challenge_methods_supported").get(0).asText());
    }

    private static Map<String, String> request(String state, String nonce) {
        return Map.of("response_type", "code", "client_id", DevTokens.AUDIENCE, "redirect_uri", REDIRECT, "state", state,
                "nonce", nonce, "code_challenge", CHALLENGE, "code_challenge_method", "S256", "scope", "openid");
    }

    /** Checked as the functions check staff tokens locally: the development public key, issuer and audience. */
    private static JsonWebToken verified(String jwt) throws Exception {
        JWTAuthContextInfo info = new JWTAuthContextInfo((String) null, DevTokens.ISSUER);
        info.setPublicKeyContent(DevTokens.config().get("inbox.staff.jwt.public-key"));
        info.setExpectedAudience(Set.of(DevTokens.AUDIENCE));
        return new DefaultJWTParser(info).parse(jwt);
    }

    private URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + FakeOidcProvider.PREFIX + path);
    }

    private HttpResponse<String> authorize(Map<String, String> query) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base("authorize") + "?" + form(query))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String code, String verifier) throws Exception {
        String body = form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", DevTokens.AUDIENCE, "code_verifier", verifier));
        return client.send(HttpRequest.newBuilder(base("token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> redirect) {
        assertEquals(302, redirect.statusCode(), redirect.body());
        String location = redirect.headers().firstValue("location").orElseThrow();
        return location.replaceAll(".*[?&]code=([^&]+).*", "$1");
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
