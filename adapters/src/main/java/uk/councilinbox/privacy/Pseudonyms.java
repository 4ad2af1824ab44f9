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
    private final boolean migratingRawKeys;

    public Pseudonyms(String secret, Optional<String> previousSecret) {
        this(secret, previousSecret, false);
    }

    /**
     * @param migratingRawKeys residents were keyed by their raw id before pseudonyms (a stage upgraded from then): that
     *     raw key is looked up as the previous one, and moved, until the rotation sweep reports done
     */
    public Pseudonyms(String secret, Optional<String> previousSecret, boolean migratingRawKeys) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("inbox.privacy.resident-key-secret (RESIDENT_KEY_SECRET) is required");
        }
        this.secret = secret;
        this.previousSecret = previousSecret.filter(previous -> !previous.equals(secret));
        if (migratingRawKeys && this.previousSecret.isPresent()) {
            throw new IllegalArgumentException("finish the rotation (RESIDENT_KEY_PREVIOUS_SECRET) before migrating raw keys, or the other way round");
        }
        this.migratingRawKeys = migratingRawKeys;
    }

    public static Pseudonyms of(InboxConfig config) {
        return new Pseudonyms(config.privacy().residentKeySecret(), InboxConfig.given(config.privacy().previousResidentKeySecret()),
                config.privacy().migrateRawKeys());
    }

    /** The resident's pseudonym under the current secret. */
    public String resident(String residentKey) {
        return pseudonym(secret, residentKey);
    }

    /** Their pseudonym under the previous secret, while a rotation is under way. */
    public Optional<String> previousResident(String residentKey) {
        return migratingRawKeys ? Optional.of(residentKey) : previousSecret.map(previous -> pseudonym(previous, residentKey));
    }

    /**
     * A keyed digest of any other key that names a resident (a delivery report's key can hold their id and a time): as
     * opaque as their pseudonym, and as stable, for a queue's deduplication id.
     */
    public String opaque(String key) {
        return encode(HmacSha256.mac(secret, ("key:" + key).getBytes(StandardCharsets.UTF_8)));
    }

    public boolean rotating() {
        return previousSecret.isPresent() || migratingRawKeys;
    }

    /** The current secret's fingerprint, written on each item keyed by a pseudonym. */
    public String keyId() {
        return fingerprint(secret);
    }

    /** What a rotation moves residents from: the previous secret's fingerprint, or {@code raw}; empty when none runs. */
    public Optional<String> previousKeyId() {
        return migratingRawKeys ? Optional.of("raw") : previousSecret.map(Pseudonyms::fingerprint);
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
