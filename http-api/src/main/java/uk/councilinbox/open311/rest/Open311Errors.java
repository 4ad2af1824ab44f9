package uk.councilinbox.open311.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Open311's error shape: an array of {@code {code, description}}. */
public final class Open311Errors {

    @Schema(name = "Open311Error")
    public record Open311Error(int code, String description) {}

    private Open311Errors() {}

    public static Response response(int status, String description) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(List.of(new Open311Error(status, description))).build();
    }
}
