package uk.councilinbox.messages;

import java.time.Instant;
import java.util.Optional;

/**
 * A platform's word, after it accepted a reply, that the reply did not reach the resident (a WhatsApp
 * {@code failed} status: 131047 outside the window, 131026 undeliverable): the platform's message id, the
 * case reference the reply was sent with, and the platform's error code and title. Only those reach the case.
 *
 * @param recipientKey the resident as their channel knows them ({@code <channel>:<id>}, a phone number or user
 *     id, as in the queued messages themselves), only so the report is handled in order with their messages;
 *     empty when the platform named no recipient
 */
public record DeliveryReport(Channel channel, String platformMessageId, Optional<String> recipientKey, Optional<String> reference,
        String detail, Instant at) {

    public DeliveryReport {
        if (platformMessageId == null || platformMessageId.isBlank()) {
            throw new IllegalArgumentException("platformMessageId is required");
        }
        detail = detail == null ? "" : detail;
    }

    /** Unique per report: a redelivered status is recorded once. */
    public String reportKey() {
        return channel + ":failed:" + platformMessageId;
    }

    /** The queue's message group: the resident's, or the report's own when no recipient was named. */
    public String groupKey() {
        return recipientKey.orElse(reportKey());
    }
}
