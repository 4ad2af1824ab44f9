package uk.councilinbox.staff.jwt;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.staff.StaffAuthenticator;
import uk.councilinbox.staff.StaffUser;

/**
 * Verifies staff bearer tokens with SmallRye JWT: RS256 signature against the identity provider's JWKS
 * (in AWS, the same issuer API Gateway's JWT authorizer trusts) or a configured public key (locally),
 * issuer, audience and expiry. Roles come from the token's groups ({@code agent}, {@code supervisor}).
 * With no key configured every token is refused.
 *
 * <p>The audience is the configured one in either of two places, as API Gateway's JWT authorizer checks it: an ID token's
 * (or Entra's access token's) {@code aud}, or, for an access token with no {@code aud} (Amazon Cognito's), its
 * {@code client_id} with {@code token_use} {@code access}.
 */
@ApplicationScoped
public class JwtStaffAuthenticator implements StaffAuthenticator {

    private static final Logger LOG = Logger.getLogger(JwtStaffAuthenticator.class);
    private static final String BEARER = "bearer ";

    private final Optional<DefaultJWTParser> parser;
    private final String audience;

    public JwtStaffAuthenticator(InboxConfig config) {
        InboxConfig.Jwt jwt = config.staff().jwt();
        // Checked after parsing, not by the parser: a Cognito access token carries it as client_id.
        audience = jwt.audience();
        Optional<String> keyLocation = jwt.jwksUrl();
        if (keyLocation.isEmpty() && jwt.publicKey().isEmpty()) {
            LOG.error("No staff token key configured (JWT_JWKS_URL): every staff API request will be refused");
            parser = Optional.empty();
            return;
        }
        JWTAuthContextInfo info = new JWTAuthContextInfo(keyLocation.orElse(null), jwt.issuer());
        jwt.publicKey().ifPresent(info::setPublicKeyContent);
        info.setGroupsPath(jwt.rolesClaim());
        info.setClockSkew(30);
        parser = Optional.of(new DefaultJWTParser(info));
    }

    @Override
    public Optional<StaffUser> authenticate(Optional<String> authorizationHeader) {
        if (parser.isEmpty() || authorizationHeader.isEmpty()
                || !authorizationHeader.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        try {
            JsonWebToken token = parser.get().parse(authorizationHeader.get().substring(BEARER.length()).trim());
            if (!forUs(token)) {
                LOG.debug("Staff token refused: another audience");
                return Optional.empty();
            }
            Set<StaffUser.Role> roles = EnumSet.noneOf(StaffUser.Role.class);
            for (String group : token.getGroups()) {
                switch (group.toLowerCase(Locale.ROOT)) {
                    case "agent" -> roles.add(StaffUser.Role.AGENT);
                    case "supervisor" -> roles.add(StaffUser.Role.SUPERVISOR);
                    default -> { }
                }
            }
            // A Cognito access token has no email: its username names the staff member in the audit trail.
            String who = Optional.ofNullable(token.<String>getClaim("email")).or(() -> Optional.ofNullable(token.<String>getClaim("username")))
                    .orElse(token.getSubject());
            Optional<String> givenName = Optional.ofNullable(token.<String>getClaim("given_name"));
            return who == null ? Optional.empty() : Optional.of(new StaffUser(who, roles, givenName));
        } catch (ParseException e) {
            LOG.debugf("Staff token refused: %s", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private boolean forUs(JsonWebToken token) {
        Set<String> aud = token.getAudience();
        if (aud != null && !aud.isEmpty()) {
            return aud.contains(audience);
        }
        return "access".equals(token.getClaim("token_use")) && audience.equals(token.getClaim("client_id"));
    }
}
