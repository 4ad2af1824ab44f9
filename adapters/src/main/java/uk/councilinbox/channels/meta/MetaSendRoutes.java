package uk.councilinbox.channels.meta;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import uk.councilinbox.settings.InboxConfig;

/**
 * Where Messenger, Facebook and Instagram replies go and with which token, decided once from the
 * configuration and checked when the function starts ({@link Startup}), so a configuration that mixes
 * Facebook Login and Instagram Login (or marks a utility template approved without naming it) fails the
 * deploy's start-up, not the first resident's reply.
 */
@Startup
@ApplicationScoped
public class MetaSendRoutes {

    static final String FACEBOOK_HOST = "graph.facebook.com";
    static final String INSTAGRAM_HOST = "graph.instagram.com";

    /** One Send API endpoint: the host (without version), the account in the path, and the bearer token. */
    public record Route(String host, String accountId, String bearer) {}

    private final Route page;
    private final Route instagram;

    @Inject
    public MetaSendRoutes(InboxConfig config) {
        this(config.meta(), config.instagram());
    }

    MetaSendRoutes(InboxConfig.Meta meta, InboxConfig.Instagram ig) {
        this.page = new Route(required(meta.graphUrl(), "META_GRAPH_URL"), required(meta.pageId(), "META_PAGE_ID"),
                "Bearer " + required(meta.pageAccessToken(), "META_PAGE_ACCESS_TOKEN"));
        refuseHost(page.host(), INSTAGRAM_HOST, "META_GRAPH_URL is Instagram's host; Messenger and Page replies go to " + FACEBOOK_HOST);
        if (meta.utilityTemplate().approved() && meta.utilityTemplate().name().filter(n -> !n.isBlank()).isEmpty()) {
            throw new IllegalStateException("META_UTILITY_TEMPLATE_APPROVED is true but META_UTILITY_TEMPLATE_NAME is not set");
        }
        this.instagram = switch (ig.loginType()) {
            case FACEBOOK -> page;
            case INSTAGRAM -> {
                Route route = new Route(required(ig.graphUrl(), "INSTAGRAM_GRAPH_URL"), required(ig.accountId(), "INSTAGRAM_ACCOUNT_ID"),
                        "Bearer " + required(ig.accessToken(), "INSTAGRAM_ACCESS_TOKEN"));
                refuseHost(route.host(), FACEBOOK_HOST, "INSTAGRAM_LOGIN_TYPE is instagram but INSTAGRAM_GRAPH_URL is " + FACEBOOK_HOST
                        + ": Instagram Login sends go to " + INSTAGRAM_HOST + " with the Instagram user token (or set INSTAGRAM_LOGIN_TYPE=facebook)");
                if (route.bearer().equals(page.bearer())) {
                    throw new IllegalStateException("INSTAGRAM_LOGIN_TYPE is instagram but INSTAGRAM_ACCESS_TOKEN is the Page token: "
                            + "Instagram Login needs the Instagram user access token");
                }
                yield route;
            }
        };
    }

    /** Messenger replies and private replies to comments. */
    public Route page() {
        return page;
    }

    /** Instagram replies: the Page's route under Facebook Login, Instagram's own under Instagram Login. */
    public Route instagram() {
        return instagram;
    }

    private static String required(String value, String variable) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set");
        }
        return value.strip();
    }

    private static void refuseHost(String url, String wrongHost, String why) {
        String host = URI.create(url).getHost();
        if (host != null && host.toLowerCase(Locale.ROOT).equals(wrongHost)) {
            throw new IllegalStateException(why);
        }
    }
}
