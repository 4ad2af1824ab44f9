package uk.councilinbox.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** The application's own settings (application.properties; environment variables override). */
@ConfigMapping(prefix = "inbox")
public interface InboxConfig {

    /**
     * An optional secret as given: absent when empty or {@code unset}, the value infra/put-secrets.sh stores for an optional
     * key nobody set (a Secrets Manager reference in template.yaml must find some value).
     */
    static java.util.Optional<String> given(java.util.Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty() && !v.equals("unset"));
    }

    String table();

    @WithName("inbound-queue-url")
    String inboundQueueUrl();

    @WithName("outbound-queue-url")
    String outboundQueueUrl();

    @WithName("graph-api")
    GraphApi graphApi();

    Meta meta();

    Instagram instagram();

    WhatsApp whatsapp();

    X x();

    Replies replies();

    @WithName("platform-api")
    PlatformApi platformApi();

    Staff staff();

    /** Warm clients, classifier and JSON mapping at start-up ({@link Priming}); off only to measure what it saves. */
    boolean priming();

    Trends trends();

    Photos photos();

    /**
     * Residents' photos and videos (README, "Photos"): fetched from the platforms by the photos function, kept in a
     * private bucket, shown to staff and the works system through links that expire.
     */
    interface Photos {
        String bucket();

        /** Set for the functions that queue photos (triage); the others never do. */
        @WithName("queue-url")
        java.util.Optional<String> queueUrl();

        /**
         * Hosts a photo's link may point at (a name, or {@code .suffix} for its subdomains): the platforms' own. A link
         * to any other host is not fetched (it came in a signed webhook, but a fetch must never reach an internal address).
         */
        @WithName("allowed-hosts")
        java.util.List<String> allowedHosts();

        /** How long a link in the staff API lets the browser load a photo or thumbnail. */
        @WithName("staff-link-minutes")
        int staffLinkMinutes();

        /** The key that signs Open311 media links (Secrets Manager in AWS). */
        @WithName("link-secret")
        String linkSecret();

        /** How long an Open311 {@code media_url} works; each use redirects to a one-minute link to the object. */
        @WithName("open311-link-days")
        int open311LinkDays();

        /** Where staff browsers load photos from (the bucket's origin): the console's Content-Security-Policy allows it. */
        java.util.Optional<String> origin();
    }

    Open311 open311();

    Privacy privacy();

    /** Residents' ids are never keys: keys, queue group ids and logs carry a keyed pseudonym ({@code privacy.Pseudonyms}). */
    interface Privacy {
        /** The HMAC secret that makes residents' pseudonyms (Secrets Manager in AWS). */
        @WithName("resident-key-secret")
        String residentKeySecret();

        /** The secret before the current one, only while a rotation moves residents to the current (docs/privacy.md). */
        @WithName("previous-resident-key-secret")
        java.util.Optional<String> previousResidentKeySecret();

        /** Only on a stage whose residents were keyed by their raw ids before pseudonyms: moves them (docs/privacy.md). */
        @WithName("migrate-raw-keys")
        boolean migrateRawKeys();
    }

    interface Open311 {
        /**
         * The key the council's CRM or works system sends as {@code api_key}: only with it do service requests carry a
         * {@code media_url} (a resident's photo is personal data, not for the public list). Absent: never.
         */
        @WithName("api-key")
        java.util.Optional<String> apiKey();
    }

    /** Spike thresholds and the costs behind the channel-shift saving (README, "Trends"). */
    interface Trends {
        @WithName("rise-factor")
        double riseFactor();

        @WithName("minimum-reports")
        int minimumReports();

        @WithName("phone-cost-per-contact")
        double phoneCostPerContact();

        @WithName("social-cost-per-contact")
        double socialCostPerContact();

        /** Turns the platforms' charges, billed in dollars, into pounds for the saving. */
        @WithName("pounds-per-dollar")
        double poundsPerDollar();

        String zone();
    }

    interface Staff {
        Jwt jwt();

        Oidc oidc();

        /** Days a closed or rejected case is kept before DynamoDB's TTL deletes it. */
        @WithName("retention-days")
        int retentionDays();
    }

    /** Staff bearer tokens: in AWS the identity provider's JWKS; locally the development key (test resources). */
    interface Jwt {
        String issuer();

        String audience();

        @WithName("jwks-url")
        java.util.Optional<String> jwksUrl();

        /** A PEM public key instead of a JWKS URL (local development and tests). */
        @WithName("public-key")
        java.util.Optional<String> publicKey();

        /** The claim holding the staff member's groups ({@code groups}; {@code cognito:groups} for Cognito). */
        @WithName("roles-claim")
        String rolesClaim();
    }

    /**
     * How the console signs staff in: OpenID Connect authorization code with PKCE against the council's
     * identity provider (Amazon Cognito or Microsoft Entra ID), all done by the browser; the server only
     * hands these settings out (GET /api/sign-in), so it makes no call to the provider.
     */
    interface Oidc {
        /** {@code cognito} or {@code entra}: decides the sign-out request's shape; absent: no provider sign-in. */
        java.util.Optional<String> provider();

        @WithName("authorization-endpoint")
        java.util.Optional<String> authorizationEndpoint();

        @WithName("token-endpoint")
        java.util.Optional<String> tokenEndpoint();

        /** The provider's sign-out address (Cognito's /logout, Entra's end_session_endpoint); absent: sign-out is local only. */
        @WithName("logout-endpoint")
        java.util.Optional<String> logoutEndpoint();

        @WithName("client-id")
        java.util.Optional<String> clientId();

        String scopes();

        /** Where the provider sends the browser back; absent: the console's own address. */
        @WithName("redirect-uri")
        java.util.Optional<String> redirectUri();

        /** Which token the console sends to the API: {@code id_token} or {@code access_token}. */
        String bearer();

        /** The local development sign-in (/_local/token); only the local run turns it on. */
        @WithName("development-sign-in")
        boolean developmentSignIn();
    }

    Webhook webhook();

    Triage triage();

    Answers answers();

    /** Self-serve answers (replies/answers.properties). */
    interface Answers {
        /**
         * The confidence at which a query's answer goes to the resident automatically, in [0, 1]; 0 (the default) is
         * never. {@code bin/bench-answers} shows the precision and share answered at each threshold.
         */
        @WithName("auto-send-confidence")
        double autoSendConfidence();
    }

    interface Triage {
        /** Messages classified with less confidence than this go to a person ({@code needs_review}). */
        @WithName("review-below")
        double reviewBelow();
    }

    /** The one Graph API version every Meta host is called at (Messenger, Instagram, WhatsApp), and when Meta stops serving it. */
    interface GraphApi {
        /** e.g. {@code v25.0}. */
        String version();

        /** The version's "available until" date in Meta's Graph API changelog. */
        @WithName("version-ends")
        java.time.LocalDate versionEnds();

        /** A Meta host's base URL for REST clients: the host ({@code https://graph.facebook.com}) with the version. */
        default String baseUrl(String host) {
            return host.replaceAll("/+$", "") + "/" + version();
        }
    }

    interface Meta {
        @WithName("app-secret")
        String appSecret();

        @WithName("verify-token")
        String verifyToken();

        /** The Graph API host, without a version ({@link GraphApi} adds it). */
        @WithName("graph-url")
        String graphUrl();

        @WithName("page-access-token")
        String pageAccessToken();

        /** The council's Facebook Page id: Messenger replies and private replies go to {@code /{page-id}/messages}. */
        @WithName("page-id")
        String pageId();

        /** The Page's Messenger utility message template for automated messages past 24 hours (off until Meta offers it here). */
        @WithName("utility-template")
        UtilityTemplate utilityTemplate();

        /**
         * Whether Meta approved the app for the Human Agent feature (App Review): only then may a reply a
         * member of staff wrote go with the HUMAN_AGENT tag, up to 7 days after the resident last wrote.
         */
        @WithName("human-agent-approved")
        boolean humanAgentApproved();
    }

    /**
     * A Messenger utility message template (Meta's "Send a utility message"): used only when {@code approved}
     * and named, and then its body takes {{1}} the reference and {{2}} the case's status in words.
     */
    interface UtilityTemplate {
        java.util.Optional<String> name();

        /** The template's language code as Meta approved it, e.g. {@code en_GB}. */
        String language();

        /** Set once Meta has approved the template for the Page (and offers utility messages to its country). */
        boolean approved();
    }

    /**
     * How the Instagram professional account is connected, which decides where its replies go and with
     * which token (docs/platforms.md): {@code facebook} (Facebook Login, account linked to the Page):
     * graph.facebook.com {@code /{page-id}/messages} with the Page token; {@code instagram} (Instagram
     * Login): graph.instagram.com {@code /{account-id}/messages} with the Instagram user access token.
     */
    interface Instagram {
        @WithName("login-type")
        LoginType loginType();

        /** The Instagram professional account id ({@code 1784...}); the send path under Instagram Login. */
        @WithName("account-id")
        String accountId();

        /** The Instagram Graph API host, without a version ({@link GraphApi} adds it); used under Instagram Login only. */
        @WithName("graph-url")
        String graphUrl();

        /** The Instagram user access token; used under Instagram Login only. */
        @WithName("access-token")
        String accessToken();

        enum LoginType { FACEBOOK, INSTAGRAM }
    }

    interface WhatsApp {
        /** The Graph API host, without a version ({@link GraphApi} adds it). */
        @WithName("graph-url")
        String graphUrl();

        @WithName("access-token")
        String accessToken();

        @WithName("phone-number-id")
        String phoneNumberId();

        /** The approved utility template for updates outside the 24-hour window; body {{1}} reference, {{2}} news. */
        @WithName("update-template")
        String updateTemplate();

        @WithName("template-language")
        String templateLanguage();
    }

    interface X {
        @WithName("consumer-secret")
        String consumerSecret();

        /**
         * The app's consumer key and the council account's OAuth 1.0a access token and secret: X serves direct-message
         * media (ton.twitter.com) only to requests signed with them. Absent: such photos are recorded as not fetched.
         */
        @WithName("consumer-key")
        java.util.Optional<String> consumerKey();

        @WithName("oauth1-access-token")
        java.util.Optional<String> oauth1AccessToken();

        @WithName("oauth1-token-secret")
        java.util.Optional<String> oauth1TokenSecret();

        @WithName("api-url")
        String apiUrl();

        /** The council account's OAuth 2.0 user-context token (scopes dm.write, tweet.write). */
        @WithName("access-token")
        String accessToken();

        /** Direct messages the account may send in any 15 minutes (X: 15); a backlog is paced to it. 0: no pacing. */
        @WithName("direct-messages-per-15-minutes")
        int directMessagesPer15Minutes();

        /** Posts (public replies) the account may make in any 15 minutes (X: 100). */
        @WithName("posts-per-15-minutes")
        int postsPer15Minutes();
    }

    /** Timeouts for every call to a platform's send API (a batch of calls must fit in the sender's Lambda timeout). */
    interface PlatformApi {
        @WithName("connect-timeout-ms")
        int connectTimeoutMs();

        @WithName("read-timeout-ms")
        int readTimeoutMs();
    }

    interface Replies {
        /** First retry delay after a rate limit or passing fault; doubles each attempt, up to the maximum. */
        @WithName("retry-base-seconds")
        int retryBaseSeconds();

        @WithName("retry-max-seconds")
        int retryMaxSeconds();
    }

    interface Webhook {
        @WithName("max-body-bytes")
        int maxBodyBytes();
    }
}
