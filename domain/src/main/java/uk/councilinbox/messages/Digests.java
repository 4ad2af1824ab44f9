package uk.councilinbox.messages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a key, for ids that must be stable and opaque (a photo's id, queue ids, log correlation ids). Unkeyed: only
 * for keys with an unguessable part, such as a platform's message id; a resident's id is guessable (a phone number) and
 * gets a keyed pseudonym instead.
 */
public final class Digests {

    private Digests() {}

    /** The first {@code bytes} bytes of the key's SHA-256, in hex. */
    public static String hex(String key, int bytes) {
        return java.util.HexFormat.of().formatHex(sha256(key), 0, bytes);
    }

    /** How a platform message id is named in a log line or an event: 8 bytes of its digest, never the id. */
    public static String forLog(String key) {
        return hex(key, 8);
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
