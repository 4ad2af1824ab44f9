package uk.councilinbox.staff.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.councilinbox.answers.CaseSuggestions;
import uk.councilinbox.answers.Suggestion;

/** {@code /api/cases/{reference}/suggestions}: the council's self-serve answers that best fit what the resident wrote. */
@Path("/api/cases/{reference}/suggestions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff")
@SecurityRequirement(name = "staffToken")
@APIResponse(responseCode = "401", ref = "Unauthorised")
@APIResponse(responseCode = "403", ref = "Forbidden")
@APIResponse(responseCode = "404", ref = "NotFound")
public class StaffAnswerResource {

    private final CaseSuggestions suggestions;

    public StaffAnswerResource(CaseSuggestions suggestions) {
        this.suggestions = suggestions;
    }

    @Schema(name = "AnswerSuggestion")
    public record View(@Schema(examples = "tip-opening-times") String answerId,
            @Schema(description = "the answer's wording closest to what the resident wrote") String question,
            String answer, String link,
            @Schema(description = "0 to 1: how much of what the resident wrote this answer accounts for, lower when another answer fits nearly as well")
            double confidence) {

        static View of(Suggestion s) {
            return new View(s.answer().id(), s.question(), s.answer().text(), s.answer().link(), s.confidence());
        }
    }

    @GET
    @Operation(summary = "The three self-serve answers that best fit the resident's messages, best first",
            description = "Empty when the resident's data was erased or they wrote no words (a photo or a pin only), or nothing fits.")
    @APIResponse(responseCode = "200", description = "The suggestions")
    public List<View> suggestions(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference) {
        return suggestions.forCase(StaffResource.reference(reference)).orElseThrow(() -> StaffResource.noCase(reference))
                .stream().map(View::of).toList();
    }
}
