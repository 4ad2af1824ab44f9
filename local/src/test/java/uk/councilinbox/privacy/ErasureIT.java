package uk.councilinbox.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.FakeWorksSystem;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.local.WebhookClient;
import uk.councilinbox.photos.PhotoKeys;
import uk.councilinbox.testing.Photos;

/**
 * Erasure leaves no trace, over HTTP with every function in its own JVM: a WhatsApp resident's report goes through every
 * path that stores something of theirs (their words and place, a photo, a pin, the acknowledgement, a staff reply naming
 * them, the report sent to the works system and its repair told back), then a supervisor erases their data, and the whole
 * table and the photos bucket are searched for their phone number, words, place, pin and message ids. Before that, a
 * supervisor's subject access export returns all of it.
 */
@RequiresEmulators
class ErasureIT {

    private static final Pattern REFERENCE = Pattern.compile("\\b([2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4})\\b");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalSystem system;
    private static WebhookClient webhooks;
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        LocalSystem.Options defaults = LocalSystem.Options.defaults(0);
        system = new LocalSystem(new LocalSystem.Options(0, defaults.artifacts(), defaults.logDir(), 1, Map.of()));
        webhooks = new WebhookClient(system.baseUrl());
        api = new ApiClient(system.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void afterErasureNothingOfTheResidentIsLeftInTheTableOrTheBucket() throws Exception {
        int n = ThreadLocalRandom.current().nextInt(10_000, 99_999);
        String phone = "447700" + n + "1";
        String street = "Quillbrook" + n + " Close";
        String words = "Zebrafinch" + n;
        String lat = "51.4" + n;
        String lon = "-2.5" + n;
        String imageId = "wamid.image" + n;
        String pinId = "wamid.pin" + n;
        String agent = token("agent");

        Instant posted = Instant.now();
        String mediaId = system.platform().media().serveWhatsApp(Photos.jpeg(640, 480), "image/jpeg");
        post(fixture("whatsapp-image.json", phone).replace("1287365490218374", mediaId)
                .replace("This is the one on Station Road, about a foot across and getting deeper",
                        "Pothole outside 17 " + street + ", " + words + " nearly lost a wheel")
                .replaceAll("\"id\":\\s*\"wamid[^\"]*\"", "\"id\": \"" + imageId + "\""));
        FakePlatform.Sent ack = system.platform().awaitSent(s -> phone.equals(s.recipient()) && s.at().isAfter(posted), Duration.ofSeconds(30),
                "the acknowledgement");
        Matcher found = REFERENCE.matcher(ack.text());
        assertTrue(found.find(), ack.text());
        Reference ref = new Reference(found.group(1));
        post(fixture("whatsapp-location.json", phone).replace("51.4545191", lat).replace("-2.5879146", lon)
                .replaceAll("\"id\":\\s*\"wamid[^\"]*\"", "\"id\": \"" + pinId + "\""));

        FakeWorksSystem.Received taken = system.works().awaitReceived(r -> ref.value().equals(r.fields().get("attribute[council_reference]")),
                Duration.ofSeconds(40), "the report at the works system");
        awaitKeptPhoto(ref, agent);
        JsonNode detail = JSON.readTree(api.get("/api/cases/" + ref, agent).body());
        assertTrue(detail.toString().contains(words), "the case holds the resident's words before: " + detail);
        Instant replied = Instant.now();
        String reply = "Thank you " + words + ", a crew will look at " + street + " this week.";
        assertEquals(200, api.post("/api/cases/" + ref + "/replies", "{\"text\":" + JSON.writeValueAsString(reply) + ",\"caseVersion\":"
                + detail.path("version").asLong() + "}", agent).statusCode());
        system.platform().awaitSent(s -> phone.equals(s.recipient()) && s.text().contains(words) && s.at().isAfter(replied),
                Duration.ofSeconds(30), "the staff reply");
        Instant fixedAt = Instant.now();
        system.works().change(taken.serviceRequestId(), "fixed", "Filled and sealed at 17 " + street, Optional.empty());
        system.platform().awaitSent(s -> phone.equals(s.recipient()) && s.text().contains("repaired") && s.at().isAfter(fixedAt),
                Duration.ofSeconds(40), "the repaired update");
        List<String> traces = List.of(phone, words, street, lat, lon, imageId, pinId);
        assertTrue(!tableItemsContaining(traces).isEmpty(), "the search finds them before erasure");

        String request = "{\"channel\":\"whatsapp\",\"residentId\":\"" + phone + "\",\"reason\":\"subject access request\"}";
        assertEquals(403, api.post("/api/residents/export", request, agent).statusCode(), "only a supervisor exports");
        JsonNode export = JSON.readTree(api.post("/api/residents/export", request, token("supervisor")).body());
        assertEquals(1, export.path("cases").size(), export.toString());
        JsonNode exported = export.path("cases").get(0);
        assertEquals(ref.value(), exported.path("reference").asText());
        for (String held : List.of(words, street, reply, "personal_data_exported", "works_request_sent", "subject access request")) {
            assertTrue(exported.toString().contains(held), "the export holds " + held + ": " + exported);
        }
        assertTrue(exported.toString().contains("\"kept\""), "and the photo's record: " + exported);

        var erased = api.post("/api/residents/erase", "{\"channel\":\"whatsapp\",\"residentId\":\"" + phone + "\",\"reason\":\"asked by phone\"}",
                token("supervisor"));
        assertEquals(200, erased.statusCode(), erased.body());

        assertEquals(List.of(), tableItemsContaining(traces), "no item holds anything of theirs");
        try (S3Client s3 = Provisioning.s3(system.emulators().s3Endpoint())) {
            assertEquals(0, s3.listObjectsV2(b -> b.bucket(system.resources().bucket()).prefix(PhotoKeys.casePrefix(ref))).keyCount(),
                    "their photos are gone from the bucket");
        }
        JsonNode after = JSON.readTree(api.get("/api/cases/" + ref, agent).body());
        assertTrue(after.path("history").toString().contains("personal_data_erased"), "the case keeps the record of its erasure: " + after);
        assertTrue(after.path("history").size() >= 5, "and who did what and when: " + after.path("history"));
    }

    private static void awaitKeptPhoto(Reference ref, String agent) throws Exception {
        for (Instant deadline = Instant.now().plusSeconds(30); Instant.now().isBefore(deadline); Thread.sleep(500)) {
            if (JSON.readTree(api.get("/api/cases/" + ref, agent).body()).toString().contains("\"kept\"")) {
                return;
            }
        }
        throw new AssertionError("the photo was not kept in time");
    }

    /** Every item of the table (as text) that holds any of {@code traces}, by its keys. */
    private static List<String> tableItemsContaining(List<String> traces) {
        List<String> found = new ArrayList<>();
        try (DynamoDbClient dynamo = Provisioning.dynamo(system.emulators().dynamoEndpoint())) {
            dynamo.scanPaginator(b -> b.tableName(system.resources().table())).items().forEach(item -> {
                String text = text(item);
                traces.stream().filter(text::contains).findFirst()
                        .ifPresent(t -> found.add(item.get("PK").s() + " " + item.get("SK").s() + " holds " + t + ": " + text));
            });
        }
        return found;
    }

    private static String text(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder();
        item.forEach((name, value) -> out.append(name).append('=').append(value).append(' '));
        return out.toString();
    }

    private static void post(String body) throws Exception {
        assertEquals(200, webhooks.postMeta("whatsapp", body.getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    private static String fixture(String name, String phone) {
        return new String(WebhookClient.freshFixture(name), StandardCharsets.UTF_8).replace("447700900123", phone);
    }

    private static String token(String role) throws Exception {
        return "Bearer " + JSON.readTree(api.get("/_local/token?role=" + role, null).body()).path("token").asText();
    }
}
