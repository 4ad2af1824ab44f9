package uk.councilinbox.channels;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import uk.councilinbox.ingest.SignatureCheck;

/** HMAC-SHA256 signatures as the platforms use them: {@code sha256=} followed by hex (Meta) or base64 (X). */
public final class HmacSha256 {

    public enum Encoding { HEX, BASE64 }

    private static final String PREFIX = "sha256=";

    private HmacSha256() {}

    public static byte[] mac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The header value a platform would send for this body. */
    public static String signature(String secret, byte[] data, Encoding encoding) {
        byte[] mac = mac(secret, data);
        return PREFIX + (encoding == Encoding.HEX ? HexFormat.of().formatHex(mac) : Base64.getEncoder().encodeToString(mac));
    }

    /** Checks a presented header against the body in constant time. */
    public static SignatureCheck check(Optional<String> presented, String secret, byte[] body, Encoding encoding) {
        if (presented.isEmpty() || presented.get().isBlank()) {
            return SignatureCheck.MISSING;
        }
        Optional<byte[]> claimed = decode(presented.get().trim(), encoding);
        if (claimed.isEmpty()) {
            return SignatureCheck.INVALID;
        }
        return MessageDigest.isEqual(claimed.get(), mac(secret, body)) ? SignatureCheck.VALID : SignatureCheck.INVALID;
    }

    private static Optional<byte[]> decode(String header, Encoding encoding) {
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String value = header.substring(PREFIX.length());
        try {
            return Optional.of(encoding == Encoding.HEX ? HexFormat.of().parseHex(value) : Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
