package uk.councilinbox.replies;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;

/** The update a resident gets when staff move their case to a status they care about. */
public final class ProgressUpdates {

    /** Statuses residents hear about; the others are internal steps. */
    static final Set<CaseStatus> TOLD = Set.of(CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED, CaseStatus.REJECTED);
    /** The resident id of a case whose personal data was erased: nobody to tell. */
    public static final String ERASED_RESIDENT = "erased";

    private final ReplyTemplates templates;

    public ProgressUpdates(ReplyTemplates templates) {
        this.templates = templates;
    }

    /** @param reason what staff wrote with the change, told to the resident only for a rejection */
    public Optional<OutboundReply> forStatusChange(Case changed, String reason, Instant now) {
        if (!TOLD.contains(changed.status()) || changed.residentId().equals(ERASED_RESIDENT)) {
            return Optional.empty();
        }
        String key = DeliveryRules.repliesInPublic(changed.channel(), changed.visibility()) ? "update.public" : templateKey(changed);
        String text = templates.render(key, Map.of(
                "reference", changed.reference().value(),
                "place", changed.place().orElse("the location you gave"),
                "reason", changed.status() == CaseStatus.REJECTED ? reason.trim() : ""));
        return Optional.of(new OutboundReply("update:" + changed.reference().value() + ":" + changed.version(),
                ReplyKind.PROGRESS_UPDATE, changed.reference().value(), changed.channel(), changed.residentId(), changed.visibility(),
                changed.replyTarget(), text.trim(), changed.lastResidentMessageAt(), now,
                List.of(changed.reference().value(), inWords(changed.status()))));
    }

    private String templateKey(Case changed) {
        String specific = "update." + changed.status().label() + "." + changed.category().label();
        return templates.has(specific) ? specific : "update." + changed.status().label();
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
