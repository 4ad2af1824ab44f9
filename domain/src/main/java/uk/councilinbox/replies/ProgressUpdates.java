package uk.councilinbox.replies;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Service;
import uk.councilinbox.cases.Services;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;

/** The update a resident gets when staff move their case to a status they care about. */
public final class ProgressUpdates {

    /** Statuses residents hear about; the others are internal steps. */
    static final Set<CaseStatus> TOLD = Set.of(CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.REJECTED);

    private final ReplyTemplates templates;
    private final Services services;

    public ProgressUpdates(ReplyTemplates templates) {
        this(templates, Services.fromClasspath());
    }

    public ProgressUpdates(ReplyTemplates templates, Services services) {
        this.templates = templates;
        this.services = services;
    }

    /** @param reason what staff wrote with the change, told to the resident only for a rejection */
    public Optional<OutboundReply> forStatusChange(Case changed, String reason, Instant now) {
        if (!TOLD.contains(changed.status()) || changed.residentErased()) {
            return Optional.empty();
        }
        String key = DeliveryRules.repliesInPublic(changed.channel(), changed.visibility()) ? "update.public" : templateKey(changed);
        Optional<Service> service = services.forReport(changed.category(), changed.service());
        String text = templates.render(key, Map.of(
                "reference", changed.reference().value(),
                "place", changed.place().orElse("the location you gave"),
                "problem", service.map(Service::problem).orElse("problem"),
                "reason", changed.status() == CaseStatus.REJECTED ? reason.trim() : ""));
        return Optional.of(new OutboundReply("update:" + changed.reference().value() + ":" + changed.version(),
                ReplyKind.PROGRESS_UPDATE, changed.reference().value(), changed.channel(), changed.residentId(), changed.visibility(),
                changed.replyTarget(), text.trim(), changed.lastResidentMessageAt(), now,
                List.of(changed.reference().value(), inWords(changed.status()))));
    }

    /** The most specific wording there is: for the case's service, then its category, then the status alone. */
    private String templateKey(Case changed) {
        String general = "update." + changed.status().label();
        return Stream.concat(services.forReport(changed.category(), changed.service()).map(s -> general + "." + s.code()).stream(),
                Stream.of(general + "." + changed.category().label())).filter(templates::has).findFirst().orElse(general);
    }

    private static String inWords(CaseStatus status) {
        return switch (status) {
            case IN_PROGRESS -> "being worked on";
            case RESOLVED -> "resolved";
            case REJECTED -> "closed: not a council matter";
            default -> status.label().replace('_', ' ');
        };
    }
}
