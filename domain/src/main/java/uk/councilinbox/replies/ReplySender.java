package uk.councilinbox.replies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import uk.councilinbox.messages.OutboundReply;

/**
 * Sends one queued reply at most once: claims it in the ledger, applies the platform's rules, sends
 * through the channel's sender and records the outcome. A retryable failure releases the claim, so the
 * queue's redelivery tries again.
 */
public final class ReplySender {

    private final ReplyLedger ledger;
    private final DeliveryRules rules;
    private final ReplyDispatcher dispatcher;
    private final Duration lease;
    private final Clock clock;

    public ReplySender(ReplyLedger ledger, DeliveryRules rules, ReplyDispatcher dispatcher, Duration lease, Clock clock) {
        this.ledger = ledger;
        this.rules = rules;
        this.dispatcher = dispatcher;
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
            default -> dispatcher.dispatch(reply, plan);
        };
        if (outcome instanceof SendOutcome.RetryLater) {
            ledger.release(reply.replyId());
        } else {
            ledger.record(reply, plan, outcome, clock.instant());
        }
        return outcome;
    }

    /** Last line of defence: templates keep public replies generic, but never post a reference publicly. */
    private static boolean carriesCaseDetails(OutboundReply reply) {
        return reply.reference() != null && reply.text().contains(reply.reference());
    }
}
