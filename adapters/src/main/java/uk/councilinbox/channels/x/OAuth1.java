package uk.councilinbox.channels.x;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a request signing (RFC 5849, HMAC-SHA1), which X still requires for the one thing this system does with it:
 * downloading the media of a direct message from ton.twitter.com with the council account's access token.
 */
final class OAuth1 {

    record Keys(String consumerKey, String consumerSecret, String accessToken, String tokenSecret) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Keys keys;

    OAuth1(Keys keys) {
        this.keys = keys;
    }

    /** The {@code Authorization} header for a request with no form body. */
    String authorization(String method, URI uri) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return authorization(method, uri, Map.of(), HexFormat.of().formatHex(nonce), System.currentTimeMillis() / 1000);
    }

    String authorization(String method, URI uri, Map<String, String> formParameters, String nonce, long timestamp) {
        Map<String, String> oauth = new java.util.TreeMap<>(Map.of(
                "oauth_consumer_key", keys.consumerKey(),
                "oauth_nonce", nonce,
                "oauth_signature_method", "HMAC-SHA1",
                "oauth_timestamp", Long.toString(timestamp),
                "oauth_token", keys.accessToken(),
                "oauth_version", "1.0"));
        List<String[]> parameters = new ArrayList<>();
        oauth.forEach((k, v) -> parameters.add(new String[] {encode(k), encode(v)}));
        formParameters.forEach((k, v) -> parameters.add(new String[] {encode(k), encode(v)}));
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.add(new String[] {encode(decode(kv[0])), encode(kv.length > 1 ? decode(kv[1]) : "")});
            }
        }
        parameters.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        String normalised = parameters.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean defaultPort = uri.getPort() == -1 || (scheme.equals("https") && uri.getPort() == 443) || (scheme.equals("http") && uri.getPort() == 80);
        String baseUri = scheme + "://" + uri.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + uri.getPort())
                + uri.getRawPath();
        String base = method.toUpperCase(java.util.Locale.ROOT) + "&" + encode(baseUri) + "&" + encode(normalised);
        oauth.put("oauth_signature", sign(base));
        return "OAuth " + oauth.entrySet().stream().map(e -> encode(e.getKey()) + "=\"" + encode(e.getValue()) + "\"")
                .collect(Collectors.joining(", "));
    }

    private String sign(String base) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((encode(keys.consumerSecret()) + "&" + encode(keys.tokenSecret())).getBytes(StandardCharsets.UTF_8),
                    "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** RFC 3986 percent-encoding, as OAuth 1.0a wants it (not form encoding: spaces are %20, ~ is kept). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** Percent-decoding only: in a URI's query a "+" is a plus sign, not a space (URLDecoder would make it one). */
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
