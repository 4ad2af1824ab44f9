package uk.councilinbox.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The staff console's address. Its files are static resources (META-INF/resources/console/, served by
 * Quarkus with the headers application.properties sets); this only sends {@code /console} to the page.
 */
@Path("/console")
@Tag(name = "Console", description = "The staff console: a page that signs staff in through the council's identity provider and uses the staff API.")
public class ConsoleResource {

    @GET
    @Operation(summary = "The staff console (the page is /console/)")
    @APIResponse(responseCode = "301", description = "To /console/, the HTML page")
    public Response console() {
        return Response.status(Response.Status.MOVED_PERMANENTLY).location(URI.create("/console/")).build();
    }
}
