package uk.councilinbox.http;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

/** The HTTP function's API as a whole: what /q/openapi says before the operations (generated from the resources). */
@OpenAPIDefinition(
        info = @Info(title = "Council social inbox", version = "0.1.0", description = """
                Webhooks for residents' social-media messages, the staff API for working cases (JWT bearer tokens \
                with the agent or supervisor role), and Open311 GeoReport v2 read endpoints. Errors are \
                {"error": "..."} (Open311: [{"code", "description"}]) and never echo the request."""),
        servers = @Server(url = "/"),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = "staffToken", type = SecuritySchemeType.HTTP, scheme = "bearer",
                        bearerFormat = "JWT", description = """
                                RS256 token from the council's identity provider, with issuer JWT_ISSUER, audience JWT_AUDIENCE \
                                and groups "agent" or "supervisor" (claim JWT_ROLES_CLAIM). Locally, GET /_local/token?role=agent \
                                under bin/run mints one with the development key."""),
                responses = {
                        @APIResponse(name = "Unauthorised", description = "No valid staff token.", content = @Content(
                                mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                        @APIResponse(name = "Forbidden", description = "The token lacks the role this needs.", content = @Content(
                                mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                        @APIResponse(name = "BadRequest", description = "The request is malformed; the message says which field and what is allowed.",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                        @APIResponse(name = "NotFound", description = "No such case.", content = @Content(
                                mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class))),
                        @APIResponse(name = "Conflict", description = "The change is not allowed from the case's current state (the message lists what is).",
                                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))}))
public class InboxApi extends Application {}
