package uk.councilinbox.staff.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.councilinbox.staff.StaffReplies;

/** The staff API's request bodies, with the rules Bean Validation checks before any operation runs. */
final class StaffRequests {

    static final int MAX_NOTE = 2_000;
    static final String REQUIRED = "is required";
    static final String TOO_LONG = "is longer than " + MAX_NOTE + " characters";

    private StaffRequests() {}

    @Schema(name = "StatusChange")
    record StatusChange(
            @NotBlank(message = REQUIRED)
            @Schema(required = true, enumeration = {"received", "acknowledged", "in_progress", "resolved", "closed", "needs_review", "rejected"})
            String status,
            @Size(max = MAX_NOTE, message = TOO_LONG)
            @Schema(description = "in the history; for a rejection, the reason the resident is told", maxLength = MAX_NOTE)
            String note) {}

    @Schema(name = "CategoryChange")
    record CategoryChange(
            @NotBlank(message = REQUIRED)
            @Schema(required = true, enumeration = {"pothole_report", "fault_report", "complaint", "query", "other"}) String category,
            @Size(max = 64, message = TOO_LONG)
            @Schema(nullable = true, description = "for a report, its service code (GET /api/vocabulary); default the category's catch-all",
                    examples = "street_lighting") String service,
            @Size(max = MAX_NOTE, message = TOO_LONG) @Schema(maxLength = MAX_NOTE) String note) {}

    @Schema(name = "Note")
    record Note(
            @NotBlank(message = REQUIRED) @Size(max = MAX_NOTE, message = TOO_LONG)
            @Schema(required = true, maxLength = MAX_NOTE, description = "internal; never sent to the resident")
            String note) {}

    @Schema(name = "BulkStatusChange")
    record BulkStatusChange(
            @NotNull(message = "must name at least one of status, category, channel, from, to, area")
            @NotEmpty(message = "must name at least one of status, category, channel, from, to, area")
            @Schema(required = true, description = "the same filters as GET /api/cases (status, category, channel, from, to, area); at least one",
                    examples = "{\"category\": \"pothole_report\", \"area\": \"Stone Road\", \"status\": \"in_progress\"}")
            Map<String, String> filter,
            @NotBlank(message = REQUIRED) @Schema(required = true, examples = "resolved") String status,
            @Size(max = MAX_NOTE, message = TOO_LONG) @Schema(maxLength = MAX_NOTE) String note) {}

    @Schema(name = "Erasure")
    record Erasure(
            @NotBlank(message = REQUIRED) @Schema(required = true, enumeration = {"messenger", "instagram", "facebook", "whatsapp", "x"})
            String channel,
            @NotBlank(message = REQUIRED) @Schema(required = true, description = "the resident's id on that platform") String residentId,
            @NotBlank(message = REQUIRED) @Size(max = MAX_NOTE, message = TOO_LONG)
            @Schema(required = true, description = "why, for the audit history") String reason) {}

    @Schema(name = "ReplyDraft")
    record ReplyDraft(
            @NotBlank(message = REQUIRED) @Size(max = StaffReplies.MAX_TEXT, message = "is longer than " + StaffReplies.MAX_TEXT + " characters")
            @Schema(required = true, maxLength = StaffReplies.MAX_TEXT, description = "what the agent would write to the resident")
            String text) {}

    @Schema(name = "StaffReply")
    record StaffReply(
            @NotBlank(message = REQUIRED) @Size(max = StaffReplies.MAX_TEXT, message = "is longer than " + StaffReplies.MAX_TEXT + " characters")
            @Schema(required = true, maxLength = StaffReplies.MAX_TEXT, description = "the reply, in the agent's words") String text,
            @NotNull(message = REQUIRED)
            @Schema(required = true, description = "the case's version the agent read; a reply to a case that changed since is refused (409)")
            Long caseVersion) {}

    static final int MAX_STAFF_ID = 128;

    @Schema(name = "Assignment")
    record Assignment(
            @Size(max = MAX_STAFF_ID, message = "is longer than " + MAX_STAFF_ID + " characters")
            @Schema(nullable = true, maxLength = MAX_STAFF_ID, examples = "me",
                    description = "\"me\", a colleague's staff id (their email address), or null or empty for nobody")
            String assignee) {}

    @Schema(name = "WaitOnResident")
    record WaitOnResident(
            @Size(max = MAX_NOTE, message = TOO_LONG) @Schema(maxLength = MAX_NOTE, description = "what staff are waiting for, for the history")
            String note) {}

    /** A missing or JSON-null body. */
    static final String NO_BODY = "the body must be a JSON object";
}
