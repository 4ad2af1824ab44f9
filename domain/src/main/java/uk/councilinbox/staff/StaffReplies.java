package uk.councilinbox.staff;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.CaseStore.CaseChangedException;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.replies.DeliveryPlan;
import uk.councilinbox.replies.DeliveryRules;
import uk.councilinbox.replies.PendingReplies;
import uk.councilinbox.replies.ReplyTemplates;

/**
 * Replies a member of staff writes on a case, to the resident on their own channel. The agent sees first how
 * it would go now (free-form, with the human agent tag, as the WhatsApp template, held, or only as a generic
 * public reply), then sends it: saved with the case in one transaction (the history says who wrote what) and
 * queued through the same outbox and exactly-once sender as every other reply. A reply is refused if the case
 * changed since the agent read it, so two agents never answer the same message without seeing each other's reply.
 */
public final class StaffReplies {

    public static final int MAX_TEXT = 2_000;
    /** WhatsApp template parameters may not hold line breaks, tabs or runs of spaces, and are kept short. */
    static final int MAX_TEMPLATE_PARAMETER = 900;

    /** How a reply would go if sent now. */
    public record Preview(String text, String howItGoes, boolean goesNow) {}

    public record Sent(Case updated, String replyId, Preview preview) {}

    private final CaseStore store;
    private final DeliveryRules rules;
    private final ReplyTemplates templates;
    private final PendingReplies pending;
    private final Clock clock;

    public StaffReplies(CaseStore store, DeliveryRules rules, ReplyTemplates templates, PendingReplies pending, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.templates = templates;
        this.pending = pending;
        this.clock = clock;
    }

    public Preview preview(Reference ref, String text) {
        Case current = find(ref);
        return preview(reply(current, current.version() + 1, text, clock.instant()), clock.instant());
    }

    /** @param readVersion the case's version the agent saw when writing */
    public Sent send(StaffUser user, Reference ref, String text, long readVersion) {
        Instant now = clock.instant();
        Case current = find(ref);
        if (current.version() != readVersion) {
            throw changedSince(ref);
        }
        Case updated = current.withHandling(current.handling().answered(now)).changed(now);
        OutboundReply reply = reply(current, updated.version(), text, now);
        try {
            store.change(updated, List.of(new CaseEvent(now, user.id(), CaseEvent.REPLY_WRITTEN, reply.text())), Optional.of(reply), Optional.empty());
        } catch (CaseChangedException e) {
            throw changedSince(ref);
        }
        pending.queue(reply);
        return new Sent(updated, reply.replyId(), preview(reply, now));
    }

    private Case find(Reference ref) {
        Case c = store.find(ref).orElseThrow(() -> new StaffActionException(StaffActionException.Reason.NOT_FOUND, "no case " + ref));
        if (!c.status().isOpen()) {
            throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " is " + c.status().label()
                    + "; reopen it to reply");
        }
        if (c.residentErased()) {
            throw new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref + " has no resident to reply to (erased)");
        }
        return c;
    }

    private static StaffActionException changedSince(Reference ref) {
        return new StaffActionException(StaffActionException.Reason.CONFLICT, "case " + ref
                + " changed since you opened it (another agent may have replied); reload it and check before sending");
    }

    private OutboundReply reply(Case c, long version, String written, Instant now) {
        boolean inPublic = DeliveryRules.repliesInPublic(c.channel(), c.visibility());
        String text = inPublic ? templates.render("reply.public", Map.of()) : written.trim();
        // On a public post the agent's words go nowhere, not even into the queued reply's template values.
        List<String> templateValues = inPublic ? List.of(c.reference().value()) : List.of(c.reference().value(), templateParameter(written));
        return new OutboundReply("staff:" + c.reference().value() + ":" + version, ReplyKind.STAFF_REPLY, c.reference().value(), c.channel(),
                c.residentId(), c.visibility(), c.replyTarget(), text, c.lastResidentMessageAt(), now, templateValues);
    }

    private Preview preview(OutboundReply reply, Instant now) {
        DeliveryPlan plan = rules.plan(reply, now);
        return new Preview(reply.text(), howItGoes(plan, reply), !(plan instanceof DeliveryPlan.Held));
    }

    private static String howItGoes(DeliveryPlan plan, OutboundReply reply) {
        String channel = reply.channel().label();
        return switch (plan) {
            case DeliveryPlan.FreeForm f -> "now, as a message on " + channel;
            case DeliveryPlan.Tagged t -> "now, on " + channel + " with the " + t.tag() + " tag (past the 24-hour window)";
            case DeliveryPlan.Template t -> "now, as the WhatsApp template " + t.name()
                    + " with your text as its news (past the 24-hour window, free-form messages are refused)";
            case DeliveryPlan.UtilityTemplate t -> "now, as the Messenger utility template " + t.name();
            case DeliveryPlan.PrivateReplyToComment c -> "now, as the private reply to their comment";
            case DeliveryPlan.PublicReply p -> "now, as a generic public reply under their post (your text is not posted;"
                    + " it invites them to message privately)";
            case DeliveryPlan.Held h -> "held: " + h.reason() + (h.untilResidentWrites() ? "" : "; it will not be sent");
        };
    }

    private static String templateParameter(String written) {
        String oneLine = written.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= MAX_TEMPLATE_PARAMETER ? oneLine : oneLine.substring(0, MAX_TEMPLATE_PARAMETER - 1) + "\u2026";
    }
}
