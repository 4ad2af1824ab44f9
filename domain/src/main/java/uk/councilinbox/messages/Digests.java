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

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
