package uk.councilinbox.staff.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.councilinbox.staff.StaffReplies;

/**
 * {@code /api/cases/{reference}/replies}: an agent answers the resident on their own channel. The preview
 * says how the reply would go now (the platform's rules); sending saves it on the case and queues it.
 */
@Path("/api/cases/{reference}/replies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Staff")
@SecurityRequirement(name = "staffToken")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorised")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
public class StaffReplyResource {

    private final StaffReplies replies;
    private final CurrentStaff staff;

    public StaffReplyResource(StaffReplies replies, CurrentStaff staff) {
        this.replies = replies;
        this.staff = staff;
    }

    @Schema(name = "ReplyPreview")
    public record Preview(@Schema(description = "what the resident will read (on a public post: the generic reply, not the agent's text)")
            String text,
            @Schema(examples = "now, on messenger with the HUMAN_AGENT tag (past the 24-hour window)") String howItGoes,
            @Schema(description = "false when the platform's rules hold it") boolean goesNow) {

        static Preview of(StaffReplies.Preview p) {
            return new Preview(p.text(), p.howItGoes(), p.goesNow());
        }
    }

    @Schema(name = "ReplySent")
    public record Sent(CaseViews.Summary caseSummary, String replyId, Preview preview) {}

    @POST
    @Path("/preview")
    @Operation(summary = "How a reply would go to the resident now, without sending it")
    @APIResponse(responseCode = "200", description = "The preview")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Preview preview(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference,
            @Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.ReplyDraft body) {
        return Preview.of(replies.preview(StaffResource.reference(reference), body.text()));
    }

    @POST
    @Operation(summary = "Send a reply to the resident on their channel, recorded on the case with who wrote it")
    @APIResponse(responseCode = "200", description = "Saved and queued; the preview says how it goes")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Sent send(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference,
            @Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.StaffReply body) {
        StaffReplies.Sent sent = replies.send(staff.user(), StaffResource.reference(reference), body.text(), body.caseVersion());
        return new Sent(CaseViews.Summary.of(sent.updated()), sent.replyId(), Preview.of(sent.preview()));
    }
}
