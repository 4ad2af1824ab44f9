package uk.councilinbox.open311;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Handling;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.DevTokens;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.MockEventServer;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.photos.PhotoKeys;
import uk.councilinbox.photos.PhotoRecords;
import uk.councilinbox.photos.PhotoStore;
import uk.councilinbox.testing.Photos;

/**
 * A case's photo through the HTTP function, against moto's DynamoDB and S3: the staff API's short-lived links, and
 * Open311's media_url, given only with the council's key, that names no bucket and ends with the photo.
 */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class Open311MediaTest {

    private static final String KEY = "test-open311-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    CaseStore cases;

    @Inject
    PhotoRecords records;

    @Inject
    PhotoStore photos;

    @Inject
    ObjectMapper json;

    ApiClient api;

    @BeforeEach
    void serve() {
        api = new ApiClient(MockEventServer.baseUrl());
    }

    @Test
    void onlyTheCouncilsKeyGetsAMediaUrlWhichRedirectsToThePhotoForAMomentAndNamesNoBucket() throws Exception {
        Case c = caseWithPhoto();

        JsonNode pub = json.readTree(api.get("/open311/v2/requests/" + c.reference() + ".json", null).body()).get(0);
        assertTrue(pub.path("media_url").isNull(), "the public list carries no photo: " + pub);
        assertEquals(403, api.get("/open311/v2/requests/" + c.reference() + ".json?api_key=guess", null).statusCode());

        JsonNode trusted = json.readTree(api.get("/open311/v2/requests/" + c.reference() + ".json?api_key=" + KEY, null).body()).get(0);
        String mediaUrl = trusted.path("media_url").asText();
        assertTrue(mediaUrl.contains("/open311/v2/media?link=" + c.reference().value() + "."), mediaUrl);
        assertFalse(mediaUrl.contains(EmulatorsTestResource.resources().bucket()), "the link names no bucket: " + mediaUrl);
        var keyed = api.get("/open311/v2/requests.json?service_code=potholes&api_key=" + KEY, null);
        assertEquals("private, no-store", String.join(", ", keyed.headers().allValues("cache-control")), "media links are for the key's holder alone");
        String listed = keyed.body();
        assertTrue(listed.contains("/open311/v2/media?link=" + c.reference().value() + "."), "the list carries it too for the key's holder");

        HttpResponse<byte[]> redirect = get(localPath(mediaUrl));
        assertEquals(302, redirect.statusCode());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("X-Amz-Expires=60"), "a one-minute presigned link: " + location);
        HttpResponse<byte[]> photo = get(location);
        assertEquals(200, photo.statusCode());
        assertEquals("image/jpeg", photo.headers().firstValue("Content-Type").orElse(""));

        String token = mediaUrl.substring(mediaUrl.indexOf("link=") + 5);
        String tampered = token.substring(0, token.length() - 1) + (token.endsWith("0") ? "1" : "0");
        assertEquals(404, get(MockEventServer.baseUrl() + "/open311/v2/media?link=" + tampered).statusCode(), "a forged link");
        String[] parts = token.split("\\.");
        String extended = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        assertEquals(404, get(MockEventServer.baseUrl() + "/open311/v2/media?link=" + extended).statusCode(), "a link made to last longer");
        assertEquals(404, get(MockEventServer.baseUrl() + "/open311/v2/media?link=nonsense").statusCode());
        assertEquals(404, get(MockEventServer.baseUrl() + "/open311/v2/media").statusCode(), "no link at all");
    }

    @Test
    void theStaffApiGivesEachKeptPhotoAndItsThumbnailAsShortLivedLinks() throws Exception {
        Case c = caseWithPhoto();
        JsonNode detail = json.readTree(api.get("/api/cases/" + c.reference(), DevTokens.bearer("agent@council.example", "agent")).body());
        JsonNode media = detail.path("messages").get(0).path("media").get(0);
        assertEquals("kept", media.path("outcome").asText(), detail.toString());
        assertTrue(media.path("url").asText().contains("X-Amz-Expires=900"), media.toString());
        assertEquals(200, get(media.path("url").asText()).statusCode());
        assertEquals(200, get(media.path("thumbnailUrl").asText()).statusCode());
    }

    private Case caseWithPhoto() {
        Instant now = Instant.now();
        String resident = "psid-" + UUID.randomUUID();
        Case c = new Case(Reference.random(), CaseStatus.RECEIVED, Category.POTHOLE_REPORT, 0.9, Channel.MESSENGER, resident,
                Visibility.PRIVATE, Optional.of("Mill Lane, Stone"), Optional.empty(), 1, now, now, now, 1, Optional.empty(),
                Handling.opened(Category.POTHOLE_REPORT, now), Optional.of("potholes"));
        InboundMessage message = new InboundMessage(Channel.MESSENGER, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE, "pothole",
                List.of(new Attachment(Attachment.Kind.IMAGE, "https://scontent.test/1.jpg")), Optional.empty(), now, Optional.empty());
        cases.open(c, message, new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "seeded"));
        String key = PhotoKeys.original(c.reference(), "p1", "jpg");
        String thumbnail = PhotoKeys.thumbnail(c.reference(), "p1");
        photos.put(key, Photos.jpeg(64, 48), "image/jpeg");
        photos.put(thumbnail, Photos.jpeg(32, 24), "image/jpeg");
        records.record(CasePhoto.kept(c.reference(), "p1", message.messageKey(), "image/jpeg", key, Optional.of(thumbnail), "photo 64x48",
                now), new CaseEvent(now, CaseEvent.SYSTEM, "photo_kept", "kept"), Optional.empty());
        return c;
    }

    /** The media_url as the test's server answers it (the function builds it from the request's own address). */
    private static String localPath(String mediaUrl) {
        URI uri = URI.create(mediaUrl);
        return MockEventServer.baseUrl() + uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
