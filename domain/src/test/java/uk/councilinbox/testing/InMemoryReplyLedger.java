package uk.councilinbox.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.DeliveryReport;
import uk.councilinbox.messages.DeliveryState;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.ReplyLedger;
import uk.councilinbox.replies.SendOutcome;

/**
 * {@link ReplyLedger} in memory, with the DynamoDB adapter's rules: an outcome is recorded once, a retry or "already
 * handled" is not an outcome to record, and a reply held until the resident writes is kept for {@link #KEEP_HELD_REPLIES},
 * oldest first.
 */
public final class InMemoryReplyLedger implements ReplyLedger {

    public static final Duration KEEP_HELD_REPLIES = Duration.ofDays(90);

    /** One outcome recorded. */
    public record Recorded(OutboundReply reply, DeliveryPlan plan, SendOutcome outcome, Instant at) {}

    private record HeldReply(OutboundReply reply, Instant keepUntil) {}

    private record SentMessage(String platformMessageId, String residentKey, Instant sentAt) {}

    private final Map<String, SentMessage> sent = new HashMap<>();
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final List<DeliveryReport> failures = new ArrayList<>();

    private int checks;
    private final Set<String> done = new HashSet<>();
    private final List<Recorded> records = new ArrayList<>();
    private final List<HeldReply> held = new ArrayList<>();

    @Override
    public synchronized boolean handled(OutboundReply reply) {
        checks++;
        return done.contains(reply.replyId());
    }

    /** How many times a delivery asked whether a reply was handled. */
    public synchronized int checks() {
        return checks;
    }

    @Override
    public synchronized boolean record(OutboundReply reply, DeliveryPlan plan, SendOutcome outcome, Instant at) {
        if (outcome instanceof SendOutcome.RetryLater || outcome instanceof SendOutcome.Deferred
                || outcome instanceof SendOutcome.AlreadyHandled) {
            throw new IllegalArgumentException("not an outcome to record: " + outcome);
        }
        if (!done.add(reply.replyId())) {
            return false;
        }
        records.add(new Recorded(reply, plan, outcome, at));
        if (outcome instanceof SendOutcome.Sent s) {
            sent.put(reply.replyId(), new SentMessage(s.platformMessageId(), reply.residentKey(), at));
            tracked.put(reply.replyId(), new Tracked(new Reference(reply.reference()), reply.replyId(), DeliveryState.SENT));
        }
        if (plan instanceof DeliveryPlan.Held h && h.untilResidentWrites()) {
            held.removeIf(r -> r.reply().replyId().equals(reply.replyId()));
            held.add(new HeldReply(reply, at.plus(KEEP_HELD_REPLIES)));
        }
        return true;
    }

    /** As if a release had queued the reply and crashed before forgetting it: it is held again. */
    public synchronized void heldAgain(OutboundReply reply, Instant at) {
        held.add(new HeldReply(reply, at.plus(KEEP_HELD_REPLIES)));
    }

    @Override
    public synchronized List<OutboundReply> heldUntilResidentWrites(String residentKey, Instant now) {
        return held.stream().filter(h -> h.reply().residentKey().equals(residentKey) && h.keepUntil().isAfter(now))
                .map(HeldReply::reply).sorted(Comparator.comparing(OutboundReply::queuedAt)).toList();
    }

    @Override
    public synchronized void released(OutboundReply reply) {
        held.removeIf(h -> h.reply().residentKey().equals(reply.residentKey()) && h.reply().replyId().equals(reply.replyId()));
    }

    /** Every outcome recorded, in order. */
    public synchronized List<Recorded> records() {
        return List.copyOf(records);
    }

    /** The last outcome recorded for this reply. */
    public synchronized Optional<Recorded> recorded(String replyId) {
        return records.reversed().stream().filter(r -> r.reply().replyId().equals(replyId)).findFirst();
    }

    @Override
    public synchronized List<Tracked> reportedOn(DeliveryReport report) {
        return sent.entrySet().stream().filter(e -> report.platformMessageId().map(e.getValue().platformMessageId()::equals)
                        .orElseGet(() -> e.getValue().residentKey().equals(report.recipientKey().orElseThrow())
                                && !e.getValue().sentAt().isAfter(report.upTo().orElseThrow())))
                .map(e -> tracked.get(e.getKey())).toList();
    }

    /** As the DynamoDB adapter's condition: only from a state the report's state may follow. */
    @Override
    public synchronized boolean advance(Tracked message, DeliveryReport report) {
        Tracked now = tracked.get(message.replyId());
        if (!now.state().movesTo(report.state())) {
            return false;
        }
        tracked.put(message.replyId(), new Tracked(now.reference(), now.replyId(), report.state()));
        if (report.state() == DeliveryState.FAILED) {
            failures.add(report);
        }
        return true;
    }

    /** Where a sent reply stands now. */
    public synchronized Optional<DeliveryState> state(String replyId) {
        return Optional.ofNullable(tracked.get(replyId)).map(Tracked::state);
    }

    /** Every failure recorded on a case, in order. */
    public synchronized List<DeliveryReport> failures() {
        return List.copyOf(failures);
    }
}
