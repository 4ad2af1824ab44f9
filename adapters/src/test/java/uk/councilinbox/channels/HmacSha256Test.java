package uk.councilinbox.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.channels.HmacSha256.Encoding;
import uk.councilinbox.ingest.SignatureCheck;

class HmacSha256Test {

    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final String HELLO_HEX = "sha256=88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b";
    private static final String HELLO_BASE64 = "sha256=iKqz7ejTrflNJquQ07r9SiCDBww7zOnAFO4EpEOEfAs=";

    private static final byte[] UNICODE = "pothole on Stone Road, Stone 😡".getBytes(StandardCharsets.UTF_8);
    private static final String UNICODE_SECRET = "sécret";
    private static final String UNICODE_HEX = "sha256=0f796fd20faa2fa72ac43c87021f5cd8d15e8663eca3b4754573f3343d53f0e9";
    private static final String UNICODE_BASE64 = "sha256=D3lv0g+qL6cqxDyHAh9c2NFehmPso7R1RXPzND1T8Ok=";

    private static final String FIXTURE_SECRET = "app-secret";
    private static final String FIXTURE_HEX = "sha256=f726a2960d80e12af099095da7effe848e8c5a4611c0e35987267bdd39777511";
    private static final String FIXTURE_BASE64 = "sha256=9yailg2A4SrwmQldp+/+hI6MWkYRwONZhyZ73Tl3dRE=";

    private static byte[] fixture() throws IOException {
        try (InputStream in = HmacSha256Test.class.getResourceAsStream("/payloads/messenger-text.json")) {
            return in.readAllBytes();
        }
    }

    private static SignatureCheck checkHello(String header, Encoding encoding) {
        return HmacSha256.check(Optional.ofNullable(header), "secret", HELLO, encoding);
    }

    @Test
    void hexSignatureMatchesOpenssl() {
        assertEquals(HELLO_HEX, HmacSha256.signature("secret", HELLO, Encoding.HEX));
    }

    @Test
    void base64SignatureMatchesOpenssl() {
        assertEquals(HELLO_BASE64, HmacSha256.signature("secret", HELLO, Encoding.BASE64));
    }

    @Test
    void secretAndBodyAreSignedAsUtf8() {
        assertEquals(UNICODE_HEX, HmacSha256.signature(UNICODE_SECRET, UNICODE, Encoding.HEX));
        assertEquals(UNICODE_BASE64, HmacSha256.signature(UNICODE_SECRET, UNICODE, Encoding.BASE64));
    }

    @Test
    void signatureOfAWebhookBodyMatchesOpenssl() throws IOException {
        assertEquals(FIXTURE_HEX, HmacSha256.signature(FIXTURE_SECRET, fixture(), Encoding.HEX));
        assertEquals(FIXTURE_BASE64, HmacSha256.signature(FIXTURE_SECRET, fixture(), Encoding.BASE64));
    }

    @Test
    void emptyBodyCanBeSigned() {
        assertEquals("sha256=f9e66e179b6747ae54108f82f8ade8b3c25d76fd30afde6c395822c530196169",
                HmacSha256.signature("secret", new byte[0], Encoding.HEX));
    }

    @Test
    void correctHexSignatureIsValid() {
        assertEquals(SignatureCheck.VALID, checkHello(HELLO_HEX, Encoding.HEX));
    }

    @Test
    void correctBase64SignatureIsValid() {
        assertEquals(SignatureCheck.VALID, checkHello(HELLO_BASE64, Encoding.BASE64));
    }

    @Test
    void correctSignatureOfAWebhookBodyIsValid() throws IOException {
        assertEquals(SignatureCheck.VALID,
                HmacSha256.check(Optional.of(FIXTURE_HEX), FIXTURE_SECRET, fixture(), Encoding.HEX));
        assertEquals(SignatureCheck.VALID,
                HmacSha256.check(Optional.of(FIXTURE_BASE64), FIXTURE_SECRET, fixture(), Encoding.BASE64));
    }

    @Test
    void prefixAndHexDigitsAreCaseInsensitive() {
        assertEquals(SignatureCheck.VALID, checkHello(HELLO_HEX.toUpperCase(), Encoding.HEX));
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals(SignatureCheck.VALID, checkHello("  " + HELLO_HEX + "\t", Encoding.HEX));
    }

    @Test
    void absentHeaderIsMissing() {
        assertEquals(SignatureCheck.MISSING, checkHello(null, Encoding.HEX));
    }

    @Test
    void blankHeaderIsMissing() {
        assertEquals(SignatureCheck.MISSING, checkHello("", Encoding.HEX));
        assertEquals(SignatureCheck.MISSING, checkHello("   ", Encoding.BASE64));
    }

    @Test
    void wrongPrefixIsInvalid() {
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_HEX.replace("sha256=", "sha1="), Encoding.HEX));
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_HEX.replace("sha256=", "sha256:"), Encoding.HEX));
    }

    @Test
    void missingPrefixIsInvalid() {
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_HEX.substring("sha256=".length()), Encoding.HEX));
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_BASE64.substring("sha256=".length()), Encoding.BASE64));
    }

    @Test
    void prefixAloneIsInvalid() {
        assertEquals(SignatureCheck.INVALID, checkHello("sha256=", Encoding.HEX));
    }

    @Test
    void badHexIsInvalid() {
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_HEX.substring(0, HELLO_HEX.length() - 1) + "g", Encoding.HEX));
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_HEX.substring(0, HELLO_HEX.length() - 1), Encoding.HEX));
    }

    @Test
    void badBase64IsInvalid() {
        assertEquals(SignatureCheck.INVALID, checkHello("sha256=not*base64!", Encoding.BASE64));
    }

    @Test
    void truncatedSignatureIsInvalid() {
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_HEX.substring(0, HELLO_HEX.length() - 2), Encoding.HEX));
    }

    @Test
    void signatureInTheOtherEncodingIsInvalid() {
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_HEX, Encoding.BASE64));
        assertEquals(SignatureCheck.INVALID, checkHello(HELLO_BASE64, Encoding.HEX));
    }

    @Test
    void signatureMadeWithAnotherSecretIsInvalid() {
        String other = HmacSha256.signature("not-the-secret", HELLO, Encoding.HEX);
        assertEquals(SignatureCheck.INVALID, checkHello(other, Encoding.HEX));
        assertEquals(SignatureCheck.INVALID, HmacSha256.check(Optional.of(HELLO_HEX), "Secret", HELLO, Encoding.HEX));
    }

    @Test
    void alteringAnyOneBodyByteMakesTheSignatureInvalid() throws IOException {
        byte[] body = fixture();
        for (int i = 0; i < body.length; i++) {
            byte[] tampered = body.clone();
            tampered[i] ^= 1;
            assertEquals(SignatureCheck.INVALID,
                    HmacSha256.check(Optional.of(FIXTURE_HEX), FIXTURE_SECRET, tampered, Encoding.HEX), "byte " + i);
        }
    }

    @Test
    void appendingToTheBodyMakesTheSignatureInvalid() {
        assertEquals(SignatureCheck.INVALID,
                HmacSha256.check(Optional.of(HELLO_HEX), "secret", "hello ".getBytes(StandardCharsets.UTF_8), Encoding.HEX));
    }
}
