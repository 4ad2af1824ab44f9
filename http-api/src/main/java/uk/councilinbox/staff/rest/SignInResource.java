package uk.councilinbox.staff.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@code GET /api/sign-in}, the one unauthenticated staff path: what the console needs to sign in by
 * itself (OpenID Connect authorization code with PKCE against the council's identity provider), and
 * whether the local development sign-in exists. Only configuration, nothing secret: the console is a
 * public client.
 */
@Path("/api/sign-in")
@Tag(name = "Staff", description = "The staff API")
public class SignInResource {

    public static final String PATH = "/api/sign-in";

    /**
     * @param provider {@code cognito} or {@code entra}, or null when no provider is configured
     * @param bearer which of the provider's tokens goes to the API as the bearer: {@code id_token} or {@code access_token}
     * @param logoutEndpoint the provider's sign-out address, or null (sign-out then only forgets the tokens)
     * @param redirectUri null means the console's own address
     */
    public record SignInSettings(String provider, String authorizationEndpoint, String tokenEndpoint, String logoutEndpoint,
            String clientId, String scopes, String redirectUri, String bearer, boolean developmentSignIn) {}

    private final SignInSettings settings;

    public SignInResource(InboxConfig config) {
        InboxConfig.Oidc oidc = config.staff().oidc();
        boolean configured = oidc.provider().isPresent() && oidc.authorizationEndpoint().isPresent() && oidc.tokenEndpoint().isPresent();
        settings = new SignInSettings(configured ? oidc.provider().get() : null,
                configured ? oidc.authorizationEndpoint().get() : null, configured ? oidc.tokenEndpoint().get() : null,
                configured ? oidc.logoutEndpoint().orElse(null) : null,
                configured ? oidc.clientId().orElse(config.staff().jwt().audience()) : null,
                oidc.scopes(), oidc.redirectUri().orElse(null), oidc.bearer(), oidc.developmentSignIn());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How the console signs in (no token needed): the identity provider's endpoints, client id and scopes, "
            + "and whether the local development sign-in is offered")
    public SignInSettings settings() {
        return settings;
    }
}
