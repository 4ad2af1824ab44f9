package uk.councilinbox.staff.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.http.InvalidInputException;
import uk.councilinbox.staff.CaseWork;
import uk.councilinbox.staff.Inbox;
import uk.councilinbox.staff.SavedReplies;
import uk.councilinbox.staff.StaffUser;

/**
 * The agents' inbox: cases waiting for a person's answer (longest waiting first, with the time left in the
 * platform's reply window), cases waiting on the resident, assignment, and the saved replies an answer starts from.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff")
@SecurityRequirement(name = "staffToken")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorised")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class InboxResource {

    private static final int DEFAULT_LIMIT = 50;
    static final String ME = "me";

    private final Inbox inbox;
    private final CaseWork work;
    private final CaseStore cases;
    private final SavedReplies savedReplies;
    private final CurrentStaff staff;

    public InboxResource(Inbox inbox, CaseWork work, CaseStore cases, SavedReplies savedReplies, CurrentStaff staff) {
        this.inbox = inbox;
        this.work = work;
        this.cases = cases;
        this.savedReplies = savedReplies;
        this.staff = staff;
    }

    @Schema(name = "InboxEntry")
    public record Entry(CaseViews.Summary caseSummary,
            @Schema(description = "since when: the oldest message not yet answered, or when staff started waiting on the resident")
            Instant waitingSince,
            long waitedMinutes,
            @Schema(nullable = true, description = "until when a reply goes as an ordinary message; null when the channel has no window")
            Instant freeFormUntil,
            @Schema(nullable = true, description = "until when a person's reply can go at all; null when there is no limit") Instant replyUntil,
            @Schema(nullable = true, description = "minutes left before replyUntil (0 once it has passed); null when there is no limit")
            Long replyMinutesLeft,
            @Schema(examples = "then held until they write") String afterwards) {

        static Entry of(Inbox.Entry e) {
            return new Entry(CaseViews.Summary.of(e.c()), e.since(), e.waited().toMinutes(), e.window().freeFormUntil().orElse(null),
                    e.window().replyUntil().orElse(null), e.replyLeft().map(Duration::toMinutes).orElse(null), e.window().afterwards());
        }
    }

    @GET
    @Path("/inbox")
    @Operation(summary = "Cases waiting for a person's answer (or, waiting=on_resident, waiting on the resident), longest waiting first")
    @APIResponse(responseCode = "200", description = "The waiting cases")
    public List<Entry> inbox(
            @QueryParam("waiting") @Parameter(description = "for_answer (default) or on_resident") String waiting,
            @QueryParam("assignee") @Parameter(description = "all (default), mine or unassigned") String assignee,
            @QueryParam("limit") @Parameter(description = "at most this many (default 50, at most 200)") String limit) {
        CaseStore.Waiting which = Optional.ofNullable(waiting).map(w -> StaffResource.enumValue(CaseStore.Waiting.class, w, "waiting"))
                .orElse(CaseStore.Waiting.FOR_ANSWER);
        Inbox.Filter filter = Optional.ofNullable(assignee).map(a -> StaffResource.enumValue(Inbox.Filter.class, a, "assignee"))
                .orElse(Inbox.Filter.ALL);
        int max = Optional.ofNullable(limit).map(l -> StaffResource.intValue(l, "limit")).orElse(DEFAULT_LIMIT);
        if (max < 1 || max > Inbox.MAX_LIMIT) {
            throw new InvalidInputException("limit must be between 1 and " + Inbox.MAX_LIMIT);
        }
        return inbox.waiting(staff.user(), which, filter, max).stream().map(Entry::of).toList();
    }

    @POST
    @Path("/cases/{reference}/assignee")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give the case to yourself (\"me\"), to a colleague, or to nobody; the history says who moved it")
    @APIResponse(responseCode = "200", description = "The changed case")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public CaseViews.Summary assign(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference,
            @Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.Assignment body) {
        StaffUser user = staff.user();
        Optional<String> to = Optional.ofNullable(body.assignee()).map(String::strip).filter(a -> !a.isEmpty())
                .map(a -> a.equalsIgnoreCase(ME) ? user.id() : a);
        return CaseViews.Summary.of(work.assign(user, StaffResource.reference(reference), to));
    }

    @POST
    @Path("/cases/{reference}/waiting-on-resident")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the case as waiting on the resident: out of the inbox until they write again")
    @APIResponse(responseCode = "200", description = "The changed case")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public CaseViews.Summary waitOnResident(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference,
            @Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.WaitOnResident body) {
        return CaseViews.Summary.of(work.waitOnResident(staff.user(), StaffResource.reference(reference),
                Optional.ofNullable(body.note()).orElse("")));
    }

    @Schema(name = "SavedReply")
    public record Saved(@Schema(examples = "need-location") String id, String title,
            @Schema(description = "filled in for this case and you; edit before sending") String text) {}

    @GET
    @Path("/cases/{reference}/saved-replies")
    @Operation(summary = "The council's saved replies, filled in for this case (reference, place) and your first name")
    @APIResponse(responseCode = "200", description = "The saved replies")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public List<Saved> savedReplies(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference) {
        Case c = cases.find(StaffResource.reference(reference)).orElseThrow(() -> StaffResource.noCase(reference));
        return savedReplies.forCase(c, staff.user()).stream().map(r -> new Saved(r.id(), r.title(), r.text())).toList();
    }
}
