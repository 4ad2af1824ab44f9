package uk.councilinbox.channels.x;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OAuth 1.0a signatures, checked against the worked example in X's "Creating a signature" guide. */
class OAuth1Test {

    @Test
    void theGuidesExampleRequestGetsTheGuidesSignature() {
        OAuth1 oauth = new OAuth1(new OAuth1.Keys("xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"));

        String header = oauth.authorization("POST", URI.create("https://api.twitter.com/1.1/statuses/update.json?include_entities=true"),
                Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!"), "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", 1318622958);

        assertTrue(header.contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""), header);
        assertTrue(header.startsWith("OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\""), header);
    }

    @Test
    void theDefaultPortAndAPlusInTheQueryAreSignedAsTheServerSeesThem() {
        OAuth1 oauth = new OAuth1(new OAuth1.Keys("k", "cs", "t", "ts"));
        String plain = oauth.authorization("GET", URI.create("https://ton.twitter.com/1.1/ton/data/dm/1/2/a.jpg?x=a+b"), Map.of(), "n", 1);
        String withPort = oauth.authorization("GET", URI.create("https://ton.twitter.com:443/1.1/ton/data/dm/1/2/a.jpg?x=a%2Bb"), Map.of(), "n", 1);
        assertEquals(plain, withPort, "an explicit :443 and a literal + are the same request");
    }

    @Test
    void encodingIsRfc3986() {
        assertEquals("a%20b~c%2A%2B", OAuth1.encode("a b~c*+"));
    }
}
