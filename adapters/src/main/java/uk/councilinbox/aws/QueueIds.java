package uk.councilinbox.aws;

import uk.councilinbox.messages.Digests;

/**
 * SQS group and deduplication ids: always a hash, so no platform id (a WhatsApp message id encodes the phone number) is
 * readable in a queue, and the 128-character limit and character set always hold. Resident keys are pseudonymised
 * ({@code privacy.Pseudonyms}) before they get here: a plain hash of a phone number is easily reversed.
 */
public final class QueueIds {

    private QueueIds() {}

    public static String of(String key) {
        return "h:" + Digests.hex(key, 32);
    }
}
