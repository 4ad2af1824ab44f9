package uk.councilinbox.staff;

import java.util.Optional;

/** Turns an {@code Authorization} header into a staff member, or nobody when the credentials are not valid. */
public interface StaffAuthenticator {

    Optional<StaffUser> authenticate(Optional<String> authorizationHeader);
}
