package uk.councilinbox.staff.rest;

import jakarta.enterprise.context.RequestScoped;
import uk.councilinbox.staff.StaffUser;

/** The staff member this request's token names, once {@link StaffTokenFilter} has checked it. */
@RequestScoped
public class CurrentStaff {

    private StaffUser user;

    void set(StaffUser user) {
        this.user = user;
    }

    public StaffUser user() {
        if (user == null) {
            throw new IllegalStateException("no staff member: the operation is not under /api/");
        }
        return user;
    }
}
