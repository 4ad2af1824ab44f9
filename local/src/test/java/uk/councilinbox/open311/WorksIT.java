package uk.councilinbox.open311;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.dynamo.DynamoCaseStore;
import uk.councilinbox.concurrent.Bounded;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.FakeWorksSystem;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.local.WebhookClient;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.open311.dynamo.DynamoWorksRecords;
import uk.councilinbox.testing.Messages;
import uk.councilinbox.testing.Photos;
import uk.councilinbox.testing.TestConfig;

/**
 * Issue 20 over HTTP, with every function in its own JVM as on Lambda: a resident's pothole report reaches the fake
 * works system over Open311 (once, with its service code and pin), an outage is retried until it is taken, and the works
 * system's changes come back to the residents on their own channel at the fake platform, once each, 1,000 in one run.
 */
@RequiresEmulators
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorksIT {

    private static final Pattern REFERENCE = Pattern.compile("\\b([2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4})\\b");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixture's pin (whatsapp-location.json). */
    private static final double LAT = 51.4545191;
    private static final double LONG = -2.5879146;

    private static LocalSystem system;
    private static WebhookClient webhooks;
    private static ApiClient api;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        LocalSystem.Options defaults = LocalSystem.Options.defaults(0);
        // The sender in batches of 10 (SqsBatch handles a batch's residents at once): Lambda would scale the sender out for
        // a crew's afternoon of updates; the local event source runs one batch at a time.
        system = new LocalSystem(new LocalSystem.Options(0, defaults.artifacts(), defaults.logDir(), 1, Map.of())
                .withBatchSizes(LocalSystem.TRIAGE_BATCH_SIZE, 10));
        webhooks = new WebhookClient(system.baseUrl());
        api = new ApiClient(system.baseUrl());
        agent = "Bearer " + JSON.readTree(api.get("/_local/token?role=agent", null).body()).path("token").asText();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void aPinnedPotholeReachesTheWorksSystemOnceAndItsRepairReachesTheResidentOnce() throws Exception {
        String resident = resident();
        String ref = report(resident);

        FakeWorksSystem.Received taken = awaitTaken(ref, Duration.ofSeconds(30));
        Map<String, String> fields = taken.fields();
        assertEquals("POTHOLE", fields.get("service_code"));
        assertEquals(LAT, Double.parseDouble(fields.get("lat")), 1e-6);
        assertEquals(LONG, Double.parseDouble(fields.get("long")), 1e-6);
        assertEquals(FakeWorksSystem.JURISDICTION, fields.get("jurisdiction_id"));
        assertEquals("social_media", fields.get("attribute[source]"));
        assertTrue(fields.get("description").contains(ref), fields.get("description"));
        assertFalse(fields.values().stream().anyMatch(v -> v.contains(resident)), "nothing names the resident: " + fields);
        assertFalse(fields.get("description").contains("zebra crossing"), "the resident's own words are not sent: " + fields);

        // The queue redelivers the report (a consumer that crashed before deleting it), and the sweep keeps running.
        try (SqsClient sqs = Provisioning.sqs(system.emulators().sqsEndpoint())) {
            sqs.sendMessage(b -> b.queueUrl(system.resources().worksQueueUrl()).messageGroupId(ref).messageDeduplicationId(ref + "-again")
                    .messageBody(ref));
        }
        Thread.sleep(8_000);
        assertEquals(1, takenFor(ref).size(), "taken once: " + system.works().received());

        Instant fixedAt = Instant.now();
        system.works().change(taken.serviceRequestId(), "fixed", "Filled and sealed", Optional.empty());
        FakePlatform.Sent repaired = system.platform().awaitSent(s -> s.recipient().equals(resident) && s.at().isAfter(fixedAt),
                Duration.ofSeconds(30), "the repaired update");
        assertTrue(repaired.text().contains("the pothole you reported") && repaired.text().contains("has been repaired"), repaired.text());
        assertEquals("whatsapp", repaired.channel());
        // Fetched again by the next runs (each overlaps the last), told once.
        Thread.sleep(12_000);
        assertEquals(1, system.platform().outbox().stream().filter(s -> s.recipient().equals(resident) && s.at().isAfter(fixedAt)).count(),
                "told once: " + system.platform().outbox());

        JsonNode detail = JSON.readTree(api.get("/api/cases/" + ref, agent).body());
        assertEquals("resolved", detail.path("status").asText(), detail.toString());
        List<String> history = new ArrayList<>();
        detail.path("history").forEach(e -> history.add(e.path("actor").asText() + " " + e.path("type").asText() + " " + e.path("detail").asText()));
        assertTrue(history.stream().anyMatch(h -> h.startsWith("works:highways works_request_sent")
                && h.contains("service_request_id " + taken.serviceRequestId())), history.toString());
        assertTrue(history.stream().anyMatch(h -> h.startsWith("works:highways status_changed") && h.contains("fixed: Filled and sealed")),
                history.toString());
    }

    @Test
    @Order(1)
    void aReportWithAPhotoGoesWithAMediaUrlThatServesThePhotoAndNamesNoBucket() throws Exception {
        String resident = resident();
        String mediaId = system.platform().media().serveWhatsApp(Photos.jpeg(640, 480), "image/jpeg");
        String ref = report(resident, whatsAppImage(resident, mediaId, "Pothole on Station Road, about a foot across"));

        Map<String, String> fields = awaitTaken(ref, Duration.ofSeconds(30)).fields();
        String mediaUrl = fields.get("media_url");
        assertTrue(mediaUrl != null && mediaUrl.startsWith(system.baseUrl() + "/open311/v2/media?link="), "a link of the API's: " + fields);
        assertFalse(mediaUrl.contains("photos") || mediaUrl.contains(resident), "names no bucket or resident: " + mediaUrl);

        // The photo is fetched and kept on its own queue: the link answers 404 until it is, then leads to the photo.
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<Void> media = null;
        for (Instant deadline = Instant.now().plusSeconds(30); Instant.now().isBefore(deadline); Thread.sleep(500)) {
            media = http.send(HttpRequest.newBuilder(URI.create(mediaUrl)).build(), HttpResponse.BodyHandlers.discarding());
            if (media.statusCode() == 302) {
                break;
            }
        }
        assertEquals(302, media.statusCode(), "the link leads to the kept photo");
        HttpResponse<byte[]> photo = http.send(HttpRequest.newBuilder(URI.create(media.headers().firstValue("Location").orElseThrow())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, photo.statusCode());
        assertTrue(photo.body().length > 2 && (photo.body()[0] & 0xFF) == 0xFF && (photo.body()[1] & 0xFF) == 0xD8, "a JPEG");

        String tampered = mediaUrl.substring(0, mediaUrl.length() - 1) + (mediaUrl.endsWith("0") ? "1" : "0");
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        String history = JSON.readTree(api.get("/api/cases/" + ref, agent).body()).path("history").toString();
        assertTrue(history.contains("with a link to the photo"), "staff see that the photo's link went: " + history);
    }

    @Test
    @Order(1)
    void anOutageOfTheWorksSystemIsRetriedAndTheReportThenDelivered() throws Exception {
        system.works().inject("server_error", 2);
        int before = system.works().attempts();
        String ref = report(resident());

        awaitTaken(ref, Duration.ofSeconds(45));

        assertTrue(system.works().attempts() - before >= 3, "two refused with 503, then taken: " + (system.works().attempts() - before));
        assertEquals(1, takenFor(ref).size());
    }

    @Test
    @Order(1)
    void aRefusedReportIsShownToStaffWithTheReason() throws Exception {
        system.works().inject("refused", 1);
        String ref = report(resident());
        Instant deadline = Instant.now().plusSeconds(30);
        String history = "";
        while (Instant.now().isBefore(deadline) && !history.contains("works_request_refused")) {
            Thread.sleep(500);
            history = JSON.readTree(api.get("/api/cases/" + ref, agent).body()).path("history").toString();
        }
        assertTrue(history.contains("works_request_refused") && history.contains("HTTP 400: service_code POTHOLE is not taken at this location"),
                history);
        assertTrue(takenFor(ref).isEmpty());
    }

    /** Last: its 1,000 updates fill the outbound queue for a while. */
    @Test
    @Order(2)
    void aThousandRepairsFetchedInOneRunReachAThousandResidentsOnce() throws Exception {
        int n = 1_000;
        String prefix = "bulk" + ThreadLocalRandom.current().nextInt(1_000_000) + "-";
        Instant now = Instant.now();
        // The reports as if sent earlier: their cases, and what the works system gave each (its id and the id's lookup).
        try (DynamoDbClient dynamo = Provisioning.dynamo(system.emulators().dynamoEndpoint())) {
            DynamoCaseStore cases = new DynamoCaseStore(dynamo, TestConfig.defaults(), JSON);
            DynamoWorksRecords records = new DynamoWorksRecords(dynamo, TestConfig.defaults());
            List<Integer> all = java.util.stream.IntStream.range(0, n).boxed().toList();
            Bounded.forEach(all, 16, i -> {
                Reference ref = Reference.random();
                Case c = new Case(ref, CaseStatus.ACKNOWLEDGED, Category.POTHOLE_REPORT, 0.9, Channel.MESSENGER, prefix + i,
                        Visibility.PRIVATE, Optional.of("Mill Lane, Stone"), Optional.of(new GeoPoint(52.9, -2.15)), 0, now, now, now, 1,
                        Optional.empty()).withCategory(Category.POTHOLE_REPORT, Optional.of("potholes"));
                cases.open(c, Messages.messenger(prefix + i, "Pothole on Mill Lane", now), new CaseEvent(now, CaseEvent.SYSTEM, "opened", "bulk"));
                records.queue(ref, "highways", now);
                records.sent(ref, "highways", new WorksRequest(ref.value(), "POTHOLE", c.pin(), c.place(), "Pothole", Map.of(), false),
                        prefix + "WX-" + i, new CaseEvent(now, "works:highways", "works_request_sent", "bulk"));
            });
        }
        Instant fixedAt = Instant.now();
        for (int i = 0; i < n; i++) {
            system.works().change(prefix + "WX-" + i, "fixed", "Filled", Optional.empty());
        }

        long started = System.nanoTime();
        Instant deadline = Instant.now().plusSeconds(240);
        while (Instant.now().isBefore(deadline) && toldOf(prefix, fixedAt).size() < n) {
            Thread.sleep(1_000);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Thread.sleep(10_000);

        List<FakePlatform.Sent> told = toldOf(prefix, fixedAt);
        assertEquals(n, told.stream().map(FakePlatform.Sent::recipient).distinct().count(), "every resident told, in " + took);
        assertEquals(n, told.size(), "each once");
        assertTrue(told.stream().allMatch(s -> s.text().contains("has been repaired")), told.getFirst().text());
        System.out.printf("1,000 works changes reached 1,000 residents in %.1f s%n", took.toMillis() / 1000.0);
    }

    private static List<FakePlatform.Sent> toldOf(String prefix, Instant after) {
        return system.platform().outbox().stream().filter(s -> s.recipient() != null && s.recipient().startsWith(prefix) && s.at().isAfter(after))
                .toList();
    }

    /** A WhatsApp pothole report and, a moment later, its pin; the reference from the acknowledgement. */
    private static String report(String resident) throws Exception {
        return report(resident, as(resident, "whatsapp-text.json"));
    }

    private static String report(String resident, byte[] firstMessage) throws Exception {
        Instant posted = Instant.now();
        assertEquals(200, webhooks.postMeta("whatsapp", firstMessage).statusCode());
        FakePlatform.Sent ack = system.platform().awaitSent(s -> s.recipient().equals(resident) && s.at().isAfter(posted),
                Duration.ofSeconds(20), "the acknowledgement");
        Matcher ref = REFERENCE.matcher(ack.text());
        assertTrue(ref.find(), ack.text());
        assertEquals(200, webhooks.postMeta("whatsapp", as(resident, "whatsapp-location.json")).statusCode());
        return ref.group(1);
    }

    /** The WhatsApp photo fixture from {@code resident}, of the fake platform's {@code mediaId}, with {@code caption}. */
    private static byte[] whatsAppImage(String resident, String mediaId, String caption) {
        return new String(as(resident, "whatsapp-image.json"), StandardCharsets.UTF_8).replace("1287365490218374", mediaId)
                .replace("This is the one on Station Road, about a foot across and getting deeper", caption).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] as(String resident, String fixture) {
        return new String(WebhookClient.freshFixture(fixture), StandardCharsets.UTF_8).replace("447700900123", resident)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String resident() {
        return "4477009" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    private static FakeWorksSystem.Received awaitTaken(String ref, Duration timeout) throws InterruptedException {
        return system.works().awaitReceived(r -> ref.equals(r.fields().get("attribute[council_reference]")), timeout, "report " + ref);
    }

    private static List<FakeWorksSystem.Received> takenFor(String ref) {
        return system.works().received().stream().filter(r -> ref.equals(r.fields().get("attribute[council_reference]")))
                .collect(Collectors.toList());
    }
}
