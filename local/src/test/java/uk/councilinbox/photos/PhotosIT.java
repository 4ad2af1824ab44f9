package uk.councilinbox.photos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.local.WebhookClient;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.testing.Photos;

/**
 * Photos residents send, over the whole local stack: webhook, triage, the photos queue and function, the fake
 * platform's media (real downloads over HTTP), moto's S3 and DynamoDB, and the staff API.
 */
@RequiresEmulators
class PhotosIT {

    private static final Pattern REFERENCE = Pattern.compile("\\b([2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4})\\b");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalSystem system;
    private static WebhookClient webhooks;
    private static ApiClient api;
    private static S3Client s3;

    @BeforeAll
    static void start() throws Exception {
        LocalSystem.Options defaults = LocalSystem.Options.defaults(0);
        system = new LocalSystem(new LocalSystem.Options(0, defaults.artifacts(), defaults.logDir(), 2, Map.of()));
        webhooks = new WebhookClient(system.baseUrl());
        api = new ApiClient(system.baseUrl());
        s3 = Provisioning.s3(system.emulators().s3Endpoint());
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aWhatsAppPhotoWithGpsIsKeptWithoutItsMetadataShownToStaffAndGivesTheCaseItsPinAndErasureDeletesIt() throws Exception {
        byte[] original = Photos.jpegWithGps(1200, 900, 52.8067, -2.1163);
        String mediaId = system.platform().media().serveWhatsApp(original, "image/jpeg");
        String phone = "4477009" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        String reference = post("whatsapp", whatsAppImage(phone, mediaId, "pothole right outside, nearly took my wheel off"), phone);

        JsonNode photo = awaitMedia(reference).get(0);
        assertEquals("kept", photo.path("outcome").asText(), photo.toString());
        assertEquals("image/jpeg", photo.path("contentType").asText());
        HttpResponse<byte[]> full = download(photo.path("url").asText());
        assertEquals(200, full.statusCode(), "the presigned link serves the photo");
        assertEquals("image/jpeg", full.headers().firstValue("Content-Type").orElse(""));
        assertFalse(contains(full.body(), "Exif".getBytes(StandardCharsets.US_ASCII)), "the stored copy has no EXIF (GPS, camera)");
        assertFalse(contains(full.body(), Photos.MODEL.getBytes(StandardCharsets.US_ASCII)), "nor the camera model");
        assertEquals(200, download(photo.path("thumbnailUrl").asText()).statusCode(), "and its thumbnail");
        assertFalse(photo.path("url").asText().contains("X-Amz-Expires=0"), photo.path("url").asText());

        JsonNode detail = caseDetail(reference, "agent");
        assertEquals(52.8067, detail.path("pin").path("lat").asDouble(), 1e-6, "the photo's GPS is the case's pin: " + detail);
        assertEquals(-2.1163, detail.path("pin").path("lon").asDouble(), 1e-6);
        assertTrue(history(detail, "photo_kept").anyMatch(d -> d.contains("GPS")), "the history says where the pin came from: " + detail);
        assertEquals(2, objects(reference).size(), "the photo and its thumbnail are in the bucket");

        var erased = api.post("/api/residents/erase", "{\"channel\":\"whatsapp\",\"residentId\":\"" + phone
                + "\",\"reason\":\"resident asked\"}", token("supervisor"));
        assertEquals(200, erased.statusCode(), erased.body());
        assertEquals(List.of(), objects(reference), "erasure deletes the stored copies");
        assertEquals(404, download(photo.path("url").asText()).statusCode(), "and a link handed out before finds nothing (NoSuchKey)");
        assertTrue(caseDetail(reference, "agent").path("messages").get(0).path("media").isEmpty(), "nor does the case list them");
    }

    @Test
    void aMessengerPhotoIsKeptAndShownAndAFileThatIsNoPhotoAndOneTooLargeAreRecordedNotKept() throws Exception {
        String resident = "70" + ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 999_999_999_999_999L);
        String photo = system.platform().media().serve(Photos.jpeg(800, 600), "image/jpeg");
        String pdf = system.platform().media().serve(Photos.pdf(), "image/jpeg");
        String huge = system.platform().media().serve(new byte[26 * 1024 * 1024], "video/mp4");
        String reference = post("meta", messengerAttachments(resident, "Pothole on Mill Lane, Stone",
                List.of(Map.entry("image", photo), Map.entry("file", pdf), Map.entry("video", huge))), resident);

        JsonNode media = awaitMedia(reference, 3);
        assertEquals(1, count(media, "kept"), media.toString());
        assertEquals(2, count(media, "refused"), media.toString());
        JsonNode kept = find(media, "kept");
        assertEquals(200, download(kept.path("url").asText()).statusCode());
        assertTrue(find(media, "refused").path("detail").asText().length() > 0);
        String refusals = media.toString();
        assertTrue(refusals.contains("PDF"), "the PDF named as what it is: " + refusals);
        assertTrue(refusals.contains("too large"), "the video refused for its size: " + refusals);
        assertEquals(1 + 1, objects(reference).size(), "only the photo (and its thumbnail) is in the bucket");
        try (var dynamo = Provisioning.dynamo(system.emulators().dynamoEndpoint())) {
            var records = dynamo.query(b -> b.tableName(Provisioning.TABLE).keyConditionExpression("PK = :pk AND begins_with(SK, :photo)")
                    .expressionAttributeValues(Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("CASE#" + reference),
                            ":photo", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("PHOTO#")))).items();
            assertEquals(3, records.size());
            long retentionEnds = Instant.now().plus(Duration.ofDays(730)).getEpochSecond();
            assertTrue(records.stream().allMatch(r -> Math.abs(Long.parseLong(r.get("expiresAt").n()) - retentionEnds) < 600),
                    "each record expires with its copy: " + records);
        }
    }

    @Test
    void anExpiredLinkIsRecordedOnceAndNotFetchedAgain() throws Exception {
        String resident = "70" + ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 999_999_999_999_999L);
        String link = system.platform().media().serve(Photos.jpeg(400, 300), "image/jpeg");
        system.platform().media().expire(link);
        String reference = post("meta", messengerAttachments(resident, "Pothole on Mill Lane, Stone", List.of(Map.entry("image", link))),
                resident);

        JsonNode photo = awaitMedia(reference).get(0);
        assertEquals("unavailable", photo.path("outcome").asText(), photo.toString());
        Thread.sleep(3_000); // longer than the queue's visibility timeout: a retry would have happened by now
        assertEquals(1, system.platform().media().downloads(link), "asked for once, not retried for ever");
        assertEquals(1, history(caseDetail(reference, "agent"), "photo_unavailable").count());
        assertEquals(List.of(), objects(reference));
    }

    @Test
    void aCdnThatFailsForAWhileIsRetriedUntilThePhotoIsKept() throws Exception {
        String resident = "70" + ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 999_999_999_999_999L);
        String link = system.platform().media().serve(Photos.jpeg(400, 300), "image/jpeg");
        system.platform().media().failNext(link, 2);
        String reference = post("meta", messengerAttachments(resident, "Pothole on Mill Lane, Stone", List.of(Map.entry("image", link))),
                resident);

        JsonNode photo = awaitMedia(reference).get(0);
        assertEquals("kept", photo.path("outcome").asText(), photo.toString());
        assertEquals(3, system.platform().media().downloads(link), "two 503s, then the photo");
        assertEquals(1, history(caseDetail(reference, "agent"), "photo_kept").count());
    }

    // ------------------------------------------------------------------ helpers

    /** Posts a webhook and returns the case reference from the acknowledgement sent to {@code recipient}. */
    private static String post(String platform, byte[] body, String recipient) throws Exception {
        Instant posted = Instant.now();
        var response = webhooks.postMeta(platform, body);
        assertEquals(200, response.statusCode(), response.body());
        FakePlatform.Sent ack = system.platform().awaitSent(s -> s.recipient().equals(recipient) && s.at().isAfter(posted),
                Duration.ofSeconds(20), "the acknowledgement");
        Matcher ref = REFERENCE.matcher(ack.text());
        assertTrue(ref.find(), ack.text());
        return ref.group(1);
    }

    private static byte[] whatsAppImage(String phone, String mediaId, String caption) throws Exception {
        JsonNode root = JSON.readTree(WebhookClient.freshFixture("whatsapp-image.json"));
        String json = root.toString().replace("447700900123", phone).replace("1287365490218374", mediaId)
                .replace("This is the one on Station Road, about a foot across and getting deeper", caption);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] messengerAttachments(String resident, String text, List<Map.Entry<String, String>> attachments) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(WebhookClient.freshFixture("messenger-image.json"));
        com.fasterxml.jackson.databind.node.ObjectNode messaging = (com.fasterxml.jackson.databind.node.ObjectNode)
                root.path("entry").get(0).path("messaging").get(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) messaging.path("sender")).put("id", resident);
        com.fasterxml.jackson.databind.node.ObjectNode message = (com.fasterxml.jackson.databind.node.ObjectNode) messaging.path("message");
        message.put("mid", "m_" + java.util.UUID.randomUUID());
        message.put("text", text);
        com.fasterxml.jackson.databind.node.ArrayNode list = message.putArray("attachments");
        attachments.forEach(a -> list.addObject().put("type", a.getKey()).putObject("payload").put("url", a.getValue()));
        return JSON.writeValueAsBytes(root);
    }

    private static JsonNode awaitMedia(String reference) throws Exception {
        return awaitMedia(reference, 1);
    }

    /** The first message's media once {@code expected} are recorded. */
    private static JsonNode awaitMedia(String reference, int expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode media = null;
        while (Instant.now().isBefore(deadline)) {
            media = caseDetail(reference, "agent").path("messages").get(0).path("media");
            if (media.size() >= expected) {
                return media;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("photos of " + reference + " not recorded within 30 s: " + media);
    }

    private static JsonNode caseDetail(String reference, String role) throws Exception {
        var response = api.get("/api/cases/" + reference, token(role));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static java.util.stream.Stream<String> history(JsonNode detail, String type) {
        return java.util.stream.StreamSupport.stream(detail.path("history").spliterator(), false)
                .filter(e -> e.path("type").asText().equals(type)).map(e -> e.path("detail").asText());
    }

    private static long count(JsonNode media, String outcome) {
        return java.util.stream.StreamSupport.stream(media.spliterator(), false).filter(m -> m.path("outcome").asText().equals(outcome)).count();
    }

    private static JsonNode find(JsonNode media, String outcome) {
        return java.util.stream.StreamSupport.stream(media.spliterator(), false).filter(m -> m.path("outcome").asText().equals(outcome))
                .findFirst().orElseThrow();
    }

    private static List<String> objects(String reference) {
        return s3.listObjectsV2(b -> b.bucket(Provisioning.BUCKET).prefix("cases/" + reference + "/")).contents().stream()
                .map(S3Object::key).toList();
    }

    private static HttpResponse<byte[]> download(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String token(String role) throws Exception {
        var response = api.get("/_local/token?role=" + role, null);
        assertEquals(200, response.statusCode(), response.body());
        return "Bearer " + JSON.readTree(response.body()).path("token").asText();
    }
}
