package uk.councilinbox.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SQS group and deduplication ids allow at most 128 characters of a limited set; longer or odd keys are hashed. */
public final class QueueIds {

    private QueueIds() {}

    public static String of(String key) {
        if (key.length() <= 128 && key.chars().allMatch(c -> c > 32 && c < 127)) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "h:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
