package uk.councilinbox.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.settings.InboxConfig;

/**
 * What a resident is known by in keys, queue group ids and logs: an HMAC-SHA256 of their resident key (channel and
 * platform id) with a secret from Secrets Manager, never the phone number or platform id itself. A plain hash would not
 * do: a phone number is easily guessed, and its hash with it.
 *
 * <p>While the secret is rotated (docs/privacy.md) the previous secret is still given: residents are looked for under
 * both, and moved to the current one ({@code cases.dynamo.ResidentKeyRotation}). Which secret made a pseudonym is kept
 * beside it as {@link #keyId()}, a fingerprint of the secret that reveals nothing of it.
 */
public final class Pseudonyms {

    /** 160 bits: no two residents of a council meet, and a key stays short. */
    private static final int LENGTH = 27;

    private final String secret;
    private final Optional<String> previousSecret;

    public Pseudonyms(String secret, Optional<String> previousSecret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("inbox.privacy.resident-key-secret (RESIDENT_KEY_SECRET) is required");
        }
        this.secret = secret;
        this.previousSecret = previousSecret.filter(previous -> !previous.equals(secret));
    }

    public static Pseudonyms of(InboxConfig config) {
        return new Pseudonyms(config.privacy().residentKeySecret(), InboxConfig.given(config.privacy().previousResidentKeySecret()));
    }

    /** The resident's pseudonym under the current secret. */
    public String resident(String residentKey) {
        return pseudonym(secret, residentKey);
    }

    /** Their pseudonym under the previous secret, while a rotation is under way. */
    public Optional<String> previousResident(String residentKey) {
        return previousSecret.map(previous -> pseudonym(previous, residentKey));
    }

    public boolean rotating() {
        return previousSecret.isPresent();
    }

    /** The current secret's fingerprint, written on each item keyed by a pseudonym. */
    public String keyId() {
        return fingerprint(secret);
    }

    private static String pseudonym(String secret, String residentKey) {
        return encode(HmacSha256.mac(secret, ("resident:" + residentKey).getBytes(StandardCharsets.UTF_8))).substring(0, LENGTH);
    }

    private static String fingerprint(String secret) {
        return encode(HmacSha256.mac(secret, "key-id".getBytes(StandardCharsets.UTF_8))).substring(0, 8);
    }

    private static String encode(byte[] mac) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
