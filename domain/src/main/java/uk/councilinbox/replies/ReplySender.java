package uk.councilinbox.replies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import uk.councilinbox.messages.OutboundReply;

/**
 * Sends one queued reply at most once: claims it in the ledger, applies the platform's rules and sending
 * limits, sends through the channel's sender and records the outcome. A retryable failure releases the
 * claim, so the queue's redelivery tries again; so does a deferral, for the deferred copy's turn.
 */
public final class ReplySender {

    private final ReplyLedger ledger;
    private final DeliveryRules rules;
    private final ReplyDispatcher dispatcher;
    private final SendPacing pacing;
    private final Duration lease;
    private final Clock clock;

    public ReplySender(ReplyLedger ledger, DeliveryRules rules, ReplyDispatcher dispatcher, SendPacing pacing, Duration lease, Clock clock) {
        this.ledger = ledger;
        this.rules = rules;
        this.dispatcher = dispatcher;
        this.pacing = pacing;
        this.lease = lease;
        this.clock = clock;
    }

    public SendOutcome deliver(OutboundReply reply) {
        Instant now = clock.instant();
        switch (ledger.claim(reply.replyId(), now, lease)) {
            case DONE -> {
                return new SendOutcome.AlreadyHandled();
            }
            case IN_FLIGHT -> {
                // Come back once that claim's lease has run out, so a crashed sender's claim is taken over
                // rather than this delivery spending its receives (and reaching the dead-letter queue) meanwhile.
                return new SendOutcome.RetryLater("another delivery of this reply is being sent", lease);
            }
            case CLAIMED -> {}
        }
        DeliveryPlan plan = rules.plan(reply, now);
        SendOutcome outcome = switch (plan) {
            case DeliveryPlan.Held held -> new SendOutcome.Held(held.reason());
            case DeliveryPlan.PublicReply publicReply when carriesCaseDetails(reply) ->
                    new SendOutcome.Refused("a public reply must not carry the reference or case details");
            default -> sendWithinLimits(reply, plan, now);
        };
        if (outcome instanceof SendOutcome.RetryLater || outcome instanceof SendOutcome.Deferred) {
            ledger.release(reply.replyId());
        } else {
            ledger.record(reply, plan, outcome, clock.instant());
        }
        return outcome;
    }

    private SendOutcome sendWithinLimits(OutboundReply reply, DeliveryPlan plan, Instant now) {
        Optional<Instant> turn;
        try {
            turn = pacing.sendNowOrDefer(reply, plan, now);
        } catch (RuntimeException e) {
            // Nothing was sent: the limit's counter or the deferral could not be written. Let the redelivery try now.
            ledger.release(reply.replyId());
            throw e;
        }
        return turn.<SendOutcome>map(SendOutcome.Deferred::new).orElseGet(() -> dispatcher.dispatch(reply, plan));
    }

    /** Last line of defence: templates keep public replies generic, but never post a reference publicly. */
    private static boolean carriesCaseDetails(OutboundReply reply) {
        return reply.reference() != null && reply.text().contains(reply.reference());
    }
}
