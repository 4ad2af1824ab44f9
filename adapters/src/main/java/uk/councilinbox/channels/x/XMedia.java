package uk.councilinbox.channels.x;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import uk.councilinbox.channels.MediaDownload;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.photos.MediaSource;
import uk.councilinbox.settings.InboxConfig;

/**
 * A photo on X: a post's media URL (pbs.twimg.com) is public; a direct message's (ton.twitter.com) must be signed with
 * OAuth 1.0a and the council account's access token (X's "Retrieving media" guide). Without those keys configured such
 * a photo is recorded as not fetched, so staff know to look on X.
 */
@ApplicationScoped
public class XMedia implements MediaSource {

    static final String DIRECT_MESSAGE_MEDIA_HOST = "ton.twitter.com";

    private final MediaDownload download;
    private final Optional<OAuth1> oauth;
    private final String signedHost;

    public XMedia(InboxConfig config, MediaDownload download) {
        InboxConfig.X x = config.x();
        this.download = download;
        this.oauth = InboxConfig.given(x.consumerKey()).flatMap(key -> InboxConfig.given(x.oauth1AccessToken())
                .flatMap(token -> InboxConfig.given(x.oauth1TokenSecret()).map(secret -> new OAuth1(new OAuth1.Keys(key, x.consumerSecret(),
                        token, secret)))));
        // Locally the fake platform stands in for X's API and its media host alike.
        String apiHost = URI.create(x.apiUrl()).getHost().toLowerCase(Locale.ROOT);
        this.signedHost = apiHost.endsWith("x.com") || apiHost.endsWith("twitter.com") ? DIRECT_MESSAGE_MEDIA_HOST : apiHost;
    }

    @Override
    public Set<Channel> channels() {
        return EnumSet.of(Channel.X);
    }

    @Override
    public Fetched fetch(String ref, long maxBytes) {
        if (ref == null) {
            return new Fetched.Unavailable("no media link");
        }
        boolean directMessage = ref.toLowerCase(Locale.ROOT).contains("://" + DIRECT_MESSAGE_MEDIA_HOST + "/");
        if (directMessage && oauth.isEmpty()) {
            return new Fetched.Unavailable("X serves direct-message photos only with the account's OAuth 1.0a keys, which are not set");
        }
        return download.get(ref, uri -> oauth.filter(o -> uri.getHost().toLowerCase(Locale.ROOT).equals(signedHost))
                .map(o -> o.authorization("GET", uri)), maxBytes);
    }
}
