package uk.councilinbox.replies;

import java.util.Optional;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.DeliveryReport;

/** A platform's report that a reply it accepted never reached the resident: recorded on the case the reply was about. */
public final class UndeliveredReplies {

    private static final System.Logger LOG = System.getLogger(UndeliveredReplies.class.getName());

    private final ReplyLedger ledger;

    public UndeliveredReplies(ReplyLedger ledger) {
        this.ledger = ledger;
    }

    public void reported(DeliveryReport report) {
        Optional<Reference> reference = report.reference().flatMap(Reference::parse);
        if (reference.isEmpty()) {
            // Not one of ours with a reference (sent from another tool on the same number, or before references were sent).
            LOG.log(System.Logger.Level.WARNING, "Undelivered {0} message {1} names no case; nothing to record",
                    report.channel().label(), report.platformMessageId());
            return;
        }
        ledger.deliveryFailed(reference.get(), report);
    }
}
