package uk.councilinbox.staff;

/** A staff action that cannot be done, with why in words staff can act on. */
public final class StaffActionException extends RuntimeException {

    public enum Reason {
        NOT_FOUND,
        NOT_ALLOWED,
        CONFLICT
    }

    private final Reason reason;

    public StaffActionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
