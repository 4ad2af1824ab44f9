package uk.councilinbox.http;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every error this API answers (Open311's own shape aside): {@code {"error": "what to do"}}, written by Jackson. */
@Schema(name = "Error", description = "What went wrong, in words the caller can act on; never an echo of the request body.")
public record ErrorBody(@Schema(examples = "\"status\" is required") String error) {

    public static jakarta.ws.rs.core.Response response(int status, String message) {
        return jakarta.ws.rs.core.Response.status(status).type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(message)).build();
    }
}
