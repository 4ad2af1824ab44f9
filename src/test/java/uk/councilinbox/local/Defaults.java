package uk.councilinbox.local;

/** The local secrets' defaults; the same values stand in application.properties and the README. */
public final class Defaults {

    public static final String META_APP_SECRET = "local-meta-app-secret";
    public static final String META_VERIFY_TOKEN = "local-verify-token";
    public static final String X_CONSUMER_SECRET = "local-x-consumer-secret";

    private Defaults() {}
}
