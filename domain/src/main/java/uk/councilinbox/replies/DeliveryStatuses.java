package uk.councilinbox.replies;

import java.util.List;
import uk.councilinbox.messages.DeliveryReport;

/**
 * A platform's report on replies it accepted (delivered, read, not delivered after all): each message it is about
 * moves forward to that state, once, however often or late the report comes.
 */
public final class DeliveryStatuses {

    private static final System.Logger LOG = System.getLogger(DeliveryStatuses.class.getName());

    private final ReplyLedger ledger;

    public DeliveryStatuses(ReplyLedger ledger) {
        this.ledger = ledger;
    }

    public void reported(DeliveryReport report) {
        List<ReplyLedger.Tracked> messages = ledger.reportedOn(report);
        if (messages.isEmpty()) {
            // Not sent from here (another tool on the same account, or before we tracked messages), or a watermark
            // with nothing sent before it. Ids only: never the resident.
            LOG.log(System.Logger.Level.WARNING, "{0} {1} report for {2}, not a message sent from here; ignored",
                    report.channel().label(), report.state().label(), report.platformMessageId().orElse("a watermark"));
            return;
        }
        messages.stream().filter(m -> m.state().movesTo(report.state())).forEach(m -> ledger.advance(m, report));
    }
}
