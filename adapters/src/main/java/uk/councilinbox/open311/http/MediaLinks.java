package uk.councilinbox.open311.http;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.channels.HmacSha256;
import uk.councilinbox.settings.InboxConfig;

/**
 * Open311 {@code media_url}s ({@code /open311/v2/media?link=...}, the link in the query so API Gateway's access log, which
 * records paths, never holds it): {@code <reference>.<expiry, epoch seconds>.<HMAC-SHA256, hex>}, signed with the photos
 * link secret. Such a link names no bucket and works until its expiry; each use redirects to a one-minute presigned
 * link to the case's first kept photo, so erasure or retention ends it at once. Given to the council's own systems: in
 * the Open311 API's answers to its key's holder, and with each report sent to a works system.
 */
@ApplicationScoped
public class MediaLinks {

    private final String secret;
    private final Duration valid;
    private final Clock clock;

    public MediaLinks(InboxConfig config, Clock clock) {
        this.secret = config.photos().linkSecret();
        this.valid = Duration.ofDays(config.photos().open311LinkDays());
        this.clock = clock;
    }

    /** The media_url for {@code reference} under the API whose base URL (ending in {@code /}) is {@code apiBase}. */
    public String url(String apiBase, Reference reference) {
        return (apiBase.endsWith("/") ? apiBase : apiBase + "/") + "open311/v2/media?link=" + token(reference);
    }

    String token(Reference reference) {
        String payload = reference.value() + "." + clock.instant().plus(valid).getEpochSecond();
        return payload + "." + signature(payload);
    }

    /** The case a token names, if it is ours (checked in constant time) and not expired. */
    public Optional<Reference> verify(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        boolean ours = MessageDigest.isEqual(parts[2].getBytes(StandardCharsets.US_ASCII), signature(payload).getBytes(StandardCharsets.US_ASCII));
        if (!ours) {
            return Optional.empty();
        }
        try {
            if (Long.parseLong(parts[1]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Reference.parse(parts[0]);
    }

    private String signature(String payload) {
        return HexFormat.of().formatHex(HmacSha256.mac(secret, payload.getBytes(StandardCharsets.UTF_8)));
    }
}
