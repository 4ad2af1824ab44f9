package uk.councilinbox.staff;

import java.util.Set;

/** A member of customer-services staff, as their token names them. */
public record StaffUser(String id, Set<Role> roles) {

    public enum Role {
        AGENT,
        SUPERVISOR
    }

    public StaffUser {
        roles = Set.copyOf(roles);
    }

    /** Supervisors can do everything agents can. */
    public boolean may(Role role) {
        return roles.contains(role) || roles.contains(Role.SUPERVISOR);
    }
}
