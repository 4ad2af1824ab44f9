package uk.councilinbox.local;

import java.util.Map;

/** Local defaults: the secrets (the same values stand in the shared settings and the README) and quick retries. */
public final class Defaults {

    public static final String META_APP_SECRET = "local-meta-app-secret";
    public static final String META_VERIFY_TOKEN = "local-verify-token";
    public static final String X_CONSUMER_SECRET = "local-x-consumer-secret";

    /** Retries in seconds rather than minutes, so a local rate limit is seen to clear quickly. */
    public static final Map<String, String> QUICK_RETRIES = Map.of(
            "inbox.replies.retry-base-seconds", "1",
            "inbox.replies.retry-max-seconds", "4",
            "works.retry-base-seconds", "1",
            "works.retry-max-seconds", "4");

    /**
     * No pacing of X's sends: load runs and the pipeline tests send hundreds of X replies in minutes. Pacing
     * at X's real limits is tested with simulated time (ReplySenderTest, SenderPacingTest).
     */
    public static final Map<String, String> UNPACED_X = Map.of(
            "inbox.x.direct-messages-per-15-minutes", "0",
            "inbox.x.posts-per-15-minutes", "0");

    private Defaults() {}
}
