package uk.councilinbox.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every error this API answers (Open311's own shape aside): {@code {"error": "what to do"}}, written by Jackson. */
@Schema(name = "Error", description = "What went wrong, in words the caller can act on; never an echo of the request body.")
public record ErrorBody(@Schema(examples = "\"status\" is required") String error) {

    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }
}
