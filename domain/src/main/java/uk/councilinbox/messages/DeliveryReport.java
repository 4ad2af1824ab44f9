package uk.councilinbox.messages;

import java.time.Instant;
import java.util.Optional;

/**
 * A platform's word on a reply it accepted: delivered, read, or not delivered after all (a WhatsApp
 * {@code failed} status: 131047 outside the window, 131026 undeliverable). It names one message by the
 * platform's id, or, like Messenger's watermarks, every message to the resident sent up to a time. Only ids,
 * the case reference the reply was sent with and the platform's error code and title reach the case.
 *
 * @param platformMessageId the message reported on; empty for a watermark
 * @param upTo a watermark: every message to the resident sent at or before it is in {@code state}
 * @param recipientKey the resident as their channel knows them ({@code <channel>:<id>}, a phone number or user
 *     id, as in the queued messages themselves), so the report is handled in order with their messages and a
 *     watermark finds their messages; empty when the platform named no recipient
 * @param reference the case reference the reply carried back (WhatsApp's {@code biz_opaque_callback_data})
 */
public record DeliveryReport(Channel channel, DeliveryState state, Optional<String> platformMessageId, Optional<Instant> upTo,
        Optional<String> recipientKey, Optional<String> reference, String detail, Instant at) {

    public DeliveryReport {
        // Reports queued before states were reported were all failures.
        state = state == null ? DeliveryState.FAILED : state;
        if (!state.reportable()) {
            throw new IllegalArgumentException("a platform does not report " + state.label());
        }
        platformMessageId = platformMessageId == null ? Optional.empty() : platformMessageId.filter(id -> !id.isBlank());
        upTo = upTo == null ? Optional.empty() : upTo;
        recipientKey = recipientKey == null ? Optional.empty() : recipientKey;
        reference = reference == null ? Optional.empty() : reference;
        if (platformMessageId.isEmpty() && (upTo.isEmpty() || recipientKey.isEmpty())) {
            throw new IllegalArgumentException("a report names a message, or a watermark and the resident");
        }
        detail = detail == null ? "" : detail;
    }

    /** A report on one message. */
    public static DeliveryReport of(Channel channel, DeliveryState state, String platformMessageId, Optional<String> recipientKey,
            Optional<String> reference, String detail, Instant at) {
        return new DeliveryReport(channel, state, Optional.of(platformMessageId), Optional.empty(), recipientKey, reference, detail, at);
    }

    /** A watermark: every message to the resident sent at or before {@code upTo}. */
    public static DeliveryReport upTo(Channel channel, DeliveryState state, Instant upTo, String recipientKey, Instant at) {
        return new DeliveryReport(channel, state, Optional.empty(), Optional.of(upTo), Optional.of(recipientKey), Optional.empty(), "", at);
    }

    /** A failure of one message. */
    public DeliveryReport(Channel channel, String platformMessageId, Optional<String> recipientKey, Optional<String> reference,
            String detail, Instant at) {
        this(channel, DeliveryState.FAILED, Optional.of(platformMessageId), Optional.empty(), recipientKey, reference, detail, at);
    }

    /** Unique per report: a redelivered status is recorded once. */
    public String reportKey() {
        return channel + ":" + state.label() + ":"
                + platformMessageId.orElseGet(() -> recipientKey.orElseThrow() + "@" + upTo.orElseThrow().toEpochMilli());
    }
}
