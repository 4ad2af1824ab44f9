package uk.councilinbox.startup;

/** Priming a function's own module adds to {@link Priming}: what only that function's first event would warm. */
public interface PrimingStep {

    /** What it warms, for the start-up log. */
    String name();

    /** Whether the function with this handler name needs it. */
    boolean appliesTo(String handler);

    /** One harmless run of the path; may throw (a refused call has still warmed it). */
    void run() throws Exception;

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }
}
