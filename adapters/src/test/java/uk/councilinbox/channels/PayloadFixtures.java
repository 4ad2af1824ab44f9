package uk.councilinbox.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.councilinbox.ingest.Delivery;
import uk.councilinbox.messages.InboundMessage;

/** The recorded platform payloads under {@code /payloads/}, edits of them, and checks on what a parser made of them. */
public final class PayloadFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PayloadFixtures() {}

    public static String fixture(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The payload exactly as recorded. */
    public static byte[] bytes(String name) {
        try (java.io.InputStream in = PayloadFixtures.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A fixture changed structurally, through Jackson's tree, so the edit cannot leave the JSON broken. */
    public static String edited(String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(fixture(name));
        edit.accept(root);
        return JSON.writeValueAsString(root);
    }

    /** The delivery's one message, failing if it has others or ignored anything. */
    public static InboundMessage only(Delivery delivery) {
        assertEquals(1, delivery.messages().size(), delivery.toString());
        assertEquals(0, delivery.ignored(), delivery.toString());
        return delivery.messages().get(0);
    }

    public static void assertIgnoredOnly(Delivery delivery, int ignored) {
        assertEquals(List.of(), delivery.messages());
        assertEquals(ignored, delivery.ignored());
    }

    /** HMAC-SHA256 computed here, independently of the code under test. */
    public static byte[] hmacSha256(String secret, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data);
    }
}
