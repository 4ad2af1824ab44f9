package uk.councilinbox.ingest;

/** What a webhook request comes to; the HTTP adapter turns it into a status and a body. */
public sealed interface WebhookAnswer {

    int status();

    /** A handshake answered: the platform's challenge, in the content type it expects. */
    record Challenge(String contentType, String body) implements WebhookAnswer {
        @Override
        public int status() {
            return 200;
        }
    }

    /**
     * A delivery taken: every resident's message in it is on the inbound queue.
     *
     * @param ignored events that are not residents' messages (echoes, read receipts, statuses)
     */
    record Accepted(int accepted, int ignored) implements WebhookAnswer {
        @Override
        public int status() {
            return 200;
        }
    }

    /** Turned away, with a 4xx (or 503: the platform should retry) and a reason safe to show the caller. */
    record Refused(int status, String reason) implements WebhookAnswer {
        public static final Refused NO_SUCH_WEBHOOK = new Refused(404, "no such webhook");
    }
}
