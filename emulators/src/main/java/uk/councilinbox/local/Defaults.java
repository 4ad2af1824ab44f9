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
            "inbox.replies.claim-seconds", "20");

    private Defaults() {}
}
