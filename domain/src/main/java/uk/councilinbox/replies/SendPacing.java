package uk.councilinbox.replies;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.OutboundReply;

/**
 * Keeps sends within the platforms' limits. X lets the council's account send 15 direct messages in any
 * 15 minutes and 1,440 a day (its rate-limit table, read 2 December 2026; the app's 1,440 a day is the
 * same cap while one council account uses the app, and 96 windows of 15 make 1,440), and 100 posts in 15
 * minutes (the app's 10,000 a day follows). A reply over the limit is deferred: saved as a pending reply
 * that the scheduled sweep queues again at its turn, so a bulk update to hundreds of residents is spread
 * out over hours without spending the queue's receives, and none reaches the dead-letter queue.
 */
public final class SendPacing {

    /** X's 15 minutes and a margin: we count a send just before the request, X when it arrives. */
    public static final Duration X_WINDOW = Duration.ofMinutes(15).plusSeconds(5);

    private final Optional<SendingLimit> xDirectMessages;
    private final Optional<SendingLimit> xPosts;
    private final SendBudget budget;
    private final PendingReplies pending;

    /** @param xDirectMessages empty where sends are not to be paced (load tests) */
    public SendPacing(Optional<SendingLimit> xDirectMessages, Optional<SendingLimit> xPosts, SendBudget budget, PendingReplies pending) {
        this.xDirectMessages = xDirectMessages;
        this.xPosts = xPosts;
        this.budget = budget;
        this.pending = pending;
    }

    /** X's limits at the given counts per 15 minutes (configuration: X's own figures; 0 for no pacing). */
    public static SendPacing forX(int directMessagesPer15Minutes, int postsPer15Minutes, SendBudget budget, PendingReplies pending) {
        return new SendPacing(perXWindow("x-direct-messages", directMessagesPer15Minutes), perXWindow("x-posts", postsPer15Minutes),
                budget, pending);
    }

    private static Optional<SendingLimit> perXWindow(String name, int count) {
        return count > 0 ? Optional.of(new SendingLimit(name, count, X_WINDOW)) : Optional.empty();
    }

    /**
     * Counts the send about to be made, or defers the reply to its turn.
     *
     * @return empty to send now; otherwise when the deferred reply will be queued again
     */
    public Optional<Instant> sendNowOrDefer(OutboundReply reply, DeliveryPlan plan, Instant now) {
        Optional<SendingLimit> limit = limitFor(reply, plan);
        if (limit.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> turn = budget.take(limit.get(), now);
        turn.ifPresent(at -> pending.defer(reply, at));
        return turn;
    }

    Optional<SendingLimit> limitFor(OutboundReply reply, DeliveryPlan plan) {
        if (reply.channel() != Channel.X) {
            return Optional.empty();
        }
        return switch (plan) {
            case DeliveryPlan.FreeForm f -> xDirectMessages;
            case DeliveryPlan.PublicReply p -> xPosts;
            default -> Optional.empty();
        };
    }
}
