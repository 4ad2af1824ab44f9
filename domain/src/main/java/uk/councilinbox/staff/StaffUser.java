package uk.councilinbox.staff;

import java.util.Optional;
import java.util.Set;

/**
 * A member of customer-services staff, as their token names them.
 *
 * @param givenName their first name, when the identity provider gives one ({@code given_name})
 */
public record StaffUser(String id, Set<Role> roles, Optional<String> givenName) {

    public enum Role {
        AGENT,
        SUPERVISOR
    }

    public StaffUser {
        roles = Set.copyOf(roles);
        givenName = givenName.map(String::strip).filter(n -> !n.isEmpty());
    }

    public StaffUser(String id, Set<Role> roles) {
        this(id, roles, Optional.empty());
    }

    /**
     * The name a resident may see them sign with: their given name, or else the first part of their address
     * ({@code jo.bloggs@council.example} signs as "Jo").
     */
    public String firstName() {
        return givenName.orElseGet(() -> {
            String first = id.split("[@._\\-]", 2)[0];
            return first.isEmpty() ? "Customer Services" : Character.toUpperCase(first.charAt(0)) + first.substring(1);
        });
    }

    /** Supervisors can do everything agents can. */
    public boolean may(Role role) {
        return roles.contains(role) || roles.contains(Role.SUPERVISOR);
    }
}
