package uk.councilinbox.replies;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import uk.councilinbox.messages.OutboundReply;

/**
 * Sends one queued reply at most once: applies the platform's rules and sending limits, sends through the channel's
 * sender and records the outcome. A delivery that may repeat an earlier one (a redelivery, or a reply queued again)
 * first asks the ledger whether the reply was handled; the first delivery of a reply queued once skips that read. A
 * retryable failure or a deferral records nothing, so the queue's redelivery (or the deferred copy) tries again.
 */
public final class ReplySender {

    private final ReplyLedger ledger;
    private final DeliveryRules rules;
    private final ReplyDispatcher dispatcher;
    private final SendPacing pacing;
    private final Clock clock;

    public ReplySender(ReplyLedger ledger, DeliveryRules rules, ReplyDispatcher dispatcher, SendPacing pacing, Clock clock) {
        this.ledger = ledger;
        this.rules = rules;
        this.dispatcher = dispatcher;
        this.pacing = pacing;
        this.clock = clock;
    }

    /**
     * @param mayRepeat false only when this is certainly the reply's first delivery: its first receive from the queue, and
     *     a reply that is queued once ({@code OutboundQueue.enqueueWithMessage}); anything else is checked against the ledger
     */
    public SendOutcome deliver(OutboundReply reply, boolean mayRepeat) {
        if (mayRepeat && ledger.handled(reply)) {
            return new SendOutcome.AlreadyHandled();
        }
        Instant now = clock.instant();
        DeliveryPlan plan = rules.plan(reply, now);
        SendOutcome outcome = switch (plan) {
            case DeliveryPlan.Held held -> new SendOutcome.Held(held.reason());
            case DeliveryPlan.PublicReply publicReply when carriesCaseDetails(reply) ->
                    new SendOutcome.Refused("a public reply must not carry the reference or case details");
            default -> sendWithinLimits(reply, plan, now);
        };
        if (outcome instanceof SendOutcome.RetryLater || outcome instanceof SendOutcome.Deferred) {
            return outcome;
        }
        // False only if deliveries overlapped: the other one recorded it, and this one's send may have repeated it.
        return ledger.record(reply, plan, outcome, clock.instant()) ? outcome : new SendOutcome.AlreadyHandled();
    }

    private SendOutcome sendWithinLimits(OutboundReply reply, DeliveryPlan plan, Instant now) {
        // A failure here (the limit's counter or the deferral not written) sends nothing; the redelivery tries again.
        Optional<Instant> turn = pacing.sendNowOrDefer(reply, plan, now);
        return turn.<SendOutcome>map(SendOutcome.Deferred::new).orElseGet(() -> dispatcher.dispatch(reply, plan));
    }

    /** Last line of defence: templates keep public replies generic, but never post a reference publicly. */
    private static boolean carriesCaseDetails(OutboundReply reply) {
        return reply.reference() != null && reply.text().contains(reply.reference());
    }
}
