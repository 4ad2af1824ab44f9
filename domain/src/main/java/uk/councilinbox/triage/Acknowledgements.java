package uk.councilinbox.triage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.answers.Answer;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Service;
import uk.councilinbox.cases.Services;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.replies.DeliveryRules;
import uk.councilinbox.replies.ReplyTemplates;

/** Chooses and words the automatic acknowledgement for a message recorded on a case. */
public final class Acknowledgements {

    private final ReplyTemplates templates;
    private final Services services;

    public Acknowledgements(ReplyTemplates templates) {
        this(templates, Services.fromClasspath());
    }

    public Acknowledgements(ReplyTemplates templates, Services services) {
        this.templates = templates;
        this.services = services;
    }

    /**
     * @param opened true when the message opened the case, false when it was added to an open one
     */
    public OutboundReply forMessage(InboundMessage message, Case c, boolean opened, java.time.Instant now) {
        Optional<Service> service = services.forReport(c.category(), c.service());
        Map<String, String> values = new HashMap<>(Map.of("reference", c.reference().value(), "place", c.place().orElse("the location you shared")));
        service.ifPresent(s -> {
            values.put("problem", s.problem());
            values.put("team", s.team());
            s.elsewhere().ifPresent(e -> values.putAll(Map.of("body", e.body(), "link", e.link())));
        });
        return reply(message, c, templates.render(templateKey(message, c, opened), values), now);
    }

    /** The acknowledgement of a query that opened {@code c}, carrying the council's answer to it (sent automatically). */
    public OutboundReply withAnswer(InboundMessage message, Case c, Answer answer, java.time.Instant now) {
        return reply(message, c, templates.render("acknowledgement.query.answered", Map.of(
                "reference", c.reference().value(), "answer", answer.text(), "link", answer.link())), now);
    }

    /**
     * The acknowledgement's reply id: one per message, and opaque, as it is part of keys (a WhatsApp message id encodes
     * the resident's phone number).
     */
    public static String replyIdFor(String messageKey) {
        return "ack:" + uk.councilinbox.messages.Digests.hex(messageKey, 16);
    }

    private static OutboundReply reply(InboundMessage message, Case c, String text, java.time.Instant now) {
        return new OutboundReply(replyIdFor(message.messageKey()), ReplyKind.ACKNOWLEDGEMENT, c.reference().value(),
                message.channel(), message.residentId(), message.visibility(), message.replyTarget(), text,
                message.sentAt(), now, List.of(c.reference().value()));
    }

    private static String templateKey(InboundMessage message, Case c, boolean opened) {
        if (DeliveryRules.repliesInPublic(message.channel(), message.visibility())) {
            return "acknowledgement.public";
        }
        if (!opened) {
            return "acknowledgement.follow-up";
        }
        if (c.status() == CaseStatus.NEEDS_REVIEW) {
            return "acknowledgement.review";
        }
        if (c.status() == CaseStatus.REJECTED) {
            return "acknowledgement.elsewhere";
        }
        return switch (c.category()) {
            case POTHOLE_REPORT, FAULT_REPORT -> c.hasLocation() ? "acknowledgement.report" : "acknowledgement.report.ask-location";
            case COMPLAINT -> "acknowledgement.complaint";
            case QUERY -> "acknowledgement.query";
            case OTHER -> "acknowledgement.other";
        };
    }
}
