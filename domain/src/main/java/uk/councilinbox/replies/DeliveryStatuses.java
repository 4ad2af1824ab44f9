package uk.councilinbox.replies;

import java.time.Clock;
import java.time.Duration;

import java.util.List;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.Digests;

/**
 * A platform's report on replies it accepted (delivered, read, not delivered after all): each message it is about
 * moves forward to that state, once, however often or late the report comes.
 */
public final class DeliveryStatuses {

    private static final System.Logger LOG = System.getLogger(DeliveryStatuses.class.getName());

    /**
     * A platform may report on a message before the sender has written down that it sent it (WhatsApp's
     * {@code delivered} can follow its API's answer within milliseconds): such a report is tried again for this long.
     */
    static final Duration RECORD_GRACE = Duration.ofMinutes(10);

    private final ReplyLedger ledger;
    private final Clock clock;

    public DeliveryStatuses(ReplyLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A report on a message the sender has not recorded yet: let the queue bring it back. */
    public static final class NotRecordedYetException extends RuntimeException {
        NotRecordedYetException(String messageId) {
            super("no record yet of sending message " + Digests.forLog(messageId) + "; the report is tried again");
        }
    }

    /** @throws NotRecordedYetException when the message it names is not (yet) known and the report is recent */
    public void reported(DeliveryReport report) {
        List<ReplyLedger.Tracked> messages = ledger.reportedOn(report);
        boolean recent = !report.at().isBefore(clock.instant().minus(RECORD_GRACE));
        if (messages.isEmpty() && recent && report.platformMessageId().isPresent()) {
            throw new NotRecordedYetException(report.platformMessageId().get());
        }
        if (messages.isEmpty()) {
            // Not sent from here (another tool on the same account, or before we tracked messages), or a watermark
            // with nothing sent before it. Ids only: never the resident.
            LOG.log(System.Logger.Level.WARNING, "{0} {1} report for {2}, not a message sent from here; ignored",
                    report.channel().label(), report.state().label(), report.platformMessageId().map(Digests::forLog).orElse("a watermark"));
            return;
        }
        messages.stream().filter(m -> m.state().movesTo(report.state())).forEach(m -> ledger.advance(m, report));
    }
}
