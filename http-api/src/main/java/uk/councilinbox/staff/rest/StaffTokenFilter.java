package uk.councilinbox.staff.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import uk.councilinbox.http.ErrorBody;
import uk.councilinbox.staff.StaffAuthenticator;
import uk.councilinbox.staff.StaffUser;

/**
 * Everything under {@code /api/} but the console's sign-in settings ({@link SignInResource}): 401 without a valid staff token, 403 with neither the agent nor the
 * supervisor role. Before routing, so an unknown {@code /api/} path or method is refused the same way
 * until the caller shows a token.
 */
@Provider
@PreMatching
public class StaffTokenFilter implements ContainerRequestFilter {

    private final StaffAuthenticator authenticator;
    private final CurrentStaff current;

    public StaffTokenFilter(StaffAuthenticator authenticator, CurrentStaff current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/") || path.equals(SignInResource.PATH)) {
            return;
        }
        Optional<StaffUser> user = authenticator.authenticate(Optional.ofNullable(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        if (user.isEmpty()) {
            request.abortWith(Response.fromResponse(ErrorBody.response(401, "a valid staff token is required (Authorization: Bearer ...)"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build());
            return;
        }
        if (!user.get().may(StaffUser.Role.AGENT)) {
            request.abortWith(ErrorBody.response(403, "this token has neither the agent nor the supervisor role"));
            return;
        }
        current.set(user.get());
    }
}
