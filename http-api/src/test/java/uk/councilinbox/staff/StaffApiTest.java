package uk.councilinbox.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
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
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.OutboundReply;
import uk.councilinbox.messages.ReplyKind;
import uk.councilinbox.messages.Visibility;
import uk.councilinbox.replies.PendingReplies;

/** The staff API, Open311 and the OpenAPI document over real HTTP, against moto (DynamoDB) and ElasticMQ (SQS). */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class StaffApiTest {

    private static final String AGENT = DevTokens.bearer("agent@council.example", "agent");
    private static final String SUPERVISOR = DevTokens.bearer("supervisor@council.example", "supervisor");

    @Inject
    ObjectMapper json;

    @Inject
    CaseStore cases;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    SqsClient sqs;

    @Inject
    PendingReplies pending;

    ApiClient api;

    @BeforeEach
    void serve() throws Exception {
        api = new ApiClient(MockEventServer.baseUrl());
    }

    @Test
    void requestsWithoutAValidTokenAreRefusedAndChangeNothing() throws Exception {
        Case c = seed(Category.POTHOLE_REPORT, CaseStatus.ACKNOWLEDGED, "Stone Road, Stone");
        String change = "{\"status\":\"in_progress\"}";
        var otherKey = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate();
        Map<String, String> refused = new HashMap<>();
        refused.put("none", null);
        refused.put("not a bearer", "Basic YWdlbnQ6cGFzc3dvcmQ=");
        refused.put("garbage", "Bearer not.a.token");
        refused.put("signed by another key", "Bearer " + Jwt.issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).subject("x")
                .groups("agent").sign(otherKey));
        refused.put("expired", "Bearer " + DevTokens.token("agent@council.example", Set.of("agent"), Duration.ofMinutes(-5)));
        refused.put("wrong audience", "Bearer " + Jwt.issuer(DevTokens.ISSUER).audience("someone-else").subject("x").groups("agent")
                .jws().sign(devKey()));
        for (var entry : refused.entrySet()) {
            assertEquals(401, api.get("/api/cases", entry.getValue()).statusCode(), entry.getKey());
            assertEquals(401, api.post("/api/cases/" + c.reference() + "/status", change, entry.getValue()).statusCode(), entry.getKey());
        }
        assertEquals(403, api.post("/api/cases/" + c.reference() + "/status", change, DevTokens.bearer("visitor@x", "resident")).statusCode());
        assertEquals(403, api.post("/api/bulk/status", "{\"filter\":{\"area\":\"Stone\"},\"status\":\"resolved\"}", AGENT).statusCode());
        assertEquals(403, api.post("/api/residents/erase", "{\"channel\":\"messenger\",\"residentId\":\"" + c.residentId()
                + "\",\"reason\":\"asked\"}", AGENT).statusCode());

        Case after = cases.find(c.reference()).orElseThrow();
        assertEquals(CaseStatus.ACKNOWLEDGED, after.status());
        assertEquals(c.version(), after.version());
        assertEquals(c.residentId(), after.residentId());
    }

    @Test
    void aCognitoAccessTokenIsTakenByItsClientIdAndOnlyForThisClient() throws Exception {
        // Cognito's access token: no aud, the app client in client_id, token_use access, a username and no email.
        String access = "Bearer " + Jwt.issuer(DevTokens.ISSUER).subject("5f1c-sub").claim("client_id", DevTokens.AUDIENCE)
                .claim("token_use", "access").claim("username", "jo.agent").groups("agent").jws().keyId("dev").sign(devKey());
        assertEquals("jo.agent", ok(api.get("/api/me", access)).path("id").asText(), "an access token for this client");

        String otherClient = "Bearer " + Jwt.issuer(DevTokens.ISSUER).subject("x").claim("client_id", "another-client")
                .claim("token_use", "access").groups("agent").jws().keyId("dev").sign(devKey());
        String notAccess = "Bearer " + Jwt.issuer(DevTokens.ISSUER).subject("x").claim("client_id", DevTokens.AUDIENCE)
                .claim("token_use", "id").groups("agent").jws().keyId("dev").sign(devKey());
        String audElsewhere = "Bearer " + Jwt.issuer(DevTokens.ISSUER).audience("someone-else").subject("x").claim("client_id", DevTokens.AUDIENCE)
                .claim("token_use", "access").groups("agent").jws().keyId("dev").sign(devKey());
        assertEquals(401, api.get("/api/me", otherClient).statusCode(), "another app client's access token");
        assertEquals(401, api.get("/api/me", notAccess).statusCode(), "client_id alone is not an ID token's audience");
        assertEquals(401, api.get("/api/me", audElsewhere).statusCode(), "an aud for someone else wins over client_id");
    }

    @Test
    void casesAreListedByFilterAndReadWithTheirMessagesAndHistory() throws Exception {
        String road = "Filter Lane " + UUID.randomUUID().toString().substring(0, 6);
        Case pothole = seed(Category.POTHOLE_REPORT, CaseStatus.ACKNOWLEDGED, road + ", Leek");
        Case complaint = seed(Category.COMPLAINT, CaseStatus.ACKNOWLEDGED, road + ", Leek");
        seed(Category.POTHOLE_REPORT, CaseStatus.ACKNOWLEDGED, "Elsewhere Road, Leek");

        JsonNode listed = ok(api.get("/api/cases?category=pothole_report&status=acknowledged,received&area=" + encode(road.toLowerCase()), AGENT));
        assertEquals(List.of(pothole.reference().value()), references(listed));
        assertEquals(2, ok(api.get("/api/cases?area=" + encode(road), AGENT)).size());

        JsonNode detail = ok(api.get("/api/cases/" + complaint.reference(), AGENT));
        assertEquals("complaint", detail.path("category").asText());
        assertEquals("the pothole on the road is still there", detail.path("messages").get(0).path("text").asText());
        assertEquals("case_opened", detail.path("history").get(0).path("type").asText());

        assertBadRequest(api.get("/api/cases?category=potholes", AGENT), "category");
        assertBadRequest(api.get("/api/cases?colour=red", AGENT), "unknown filter");
        assertBadRequest(api.get("/api/cases?from=yesterday", AGENT), "from");
        assertEquals(404, api.get("/api/cases/K7PD-M4QA", AGENT).statusCode());
        assertEquals(404, api.get("/api/cases/not-a-ref", AGENT).statusCode());
    }

    @Test
    void anAgentResolvingAPotholeQueuesOneUpdateWithTheReferenceAndTheHistorySaysWho() throws Exception {
        Case c = seed(Category.POTHOLE_REPORT, CaseStatus.ACKNOWLEDGED, "Stone Road, Stone");
        String path = "/api/cases/" + c.reference() + "/status";

        assertEquals("in_progress", ok(api.post(path, "{\"status\":\"in_progress\",\"note\":\"gang booked\"}", AGENT)).path("status").asText());
        assertEquals("resolved", ok(api.post(path, "{\"status\":\"resolved\",\"note\":\"filled\"}", AGENT)).path("status").asText());
        var refused = api.post(path, "{\"status\":\"received\"}", AGENT);
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("closed, in_progress"), refused.body());
        assertBadRequest(api.post(path, "{\"status\":\"fixed\"}", AGENT), "status");
        assertBadRequest(api.post(path, "{not json", AGENT), "JSON");

        List<JsonNode> updates = queuedUpdates(Set.of(c.reference().value()));
        assertEquals(2, updates.size(), updates.toString());
        JsonNode repaired = updates.stream().filter(u -> u.path("text").asText().contains("repaired")).findFirst().orElseThrow();
        assertTrue(repaired.path("text").asText().contains(c.reference().value()));
        assertTrue(repaired.path("text").asText().contains("Stone Road"));
        List<String> history = ok(api.get("/api/cases/" + c.reference(), AGENT)).path("history").findValuesAsText("detail");
        assertTrue(history.contains("in_progress -> resolved: filled"), history.toString());
        assertTrue(ok(api.get("/api/cases/" + c.reference(), AGENT)).path("history").findValuesAsText("actor").contains("agent@council.example"));
    }

    @Test
    void anAgentSeesHowAReplyWillGoThenSendsItOnceAStaleReplyIsRefusedAndErasureRemovesItsText() throws Exception {
        Case c = seed(Category.QUERY, CaseStatus.ACKNOWLEDGED, "High Street, Leek");
        String path = "/api/cases/" + c.reference() + "/replies";
        String answer = "The tip at Leek is open 8am to 4pm every day.";

        JsonNode preview = ok(api.post(path + "/preview", "{\"text\":\"" + answer + "\"}", AGENT));
        assertEquals(List.of(answer, "now, as a message on messenger", "true"),
                List.of(preview.path("text").asText(), preview.path("howItGoes").asText(), preview.path("goesNow").asText()));
        JsonNode sent = ok(api.post(path, "{\"text\":\"" + answer + "\",\"caseVersion\":" + c.version() + "}", AGENT));
        assertEquals(c.version() + 1, sent.path("caseSummary").path("version").asLong());
        var stale = api.post(path, "{\"text\":\"We will look into it.\",\"caseVersion\":" + c.version() + "}", SUPERVISOR);
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("another agent may have replied"), stale.body());
        assertBadRequest(api.post(path, "{\"text\":\"\",\"caseVersion\":2}", AGENT), "text");
        assertBadRequest(api.post(path, "{\"text\":\"hello\"}", AGENT), "caseVersion");
        assertEquals(404, api.post("/api/cases/" + Reference.random() + "/replies/preview", "{\"text\":\"hello\"}", AGENT).statusCode());

        List<JsonNode> queued = queued(Set.of(c.reference().value()), "STAFF_REPLY");
        assertEquals(List.of(answer), queued.stream().map(r -> r.path("text").asText()).toList(), "one reply, the first agent's");
        JsonNode history = ok(api.get("/api/cases/" + c.reference(), AGENT)).path("history");
        JsonNode written = java.util.stream.StreamSupport.stream(history.spliterator(), false)
                .filter(e -> e.path("type").asText().equals("reply_written")).findFirst().orElseThrow();
        assertEquals(List.of("agent@council.example", answer), List.of(written.path("actor").asText(), written.path("detail").asText()));

        ok(api.post("/api/residents/erase", "{\"channel\":\"messenger\",\"residentId\":\"" + c.residentId() + "\",\"reason\":\"asked\"}",
                SUPERVISOR));
        String erased = ok(api.get("/api/cases/" + c.reference(), AGENT)).path("history").toString();
        assertFalse(erased.contains("tip at Leek"), erased);
    }

    @Test
    void theInboxListsTheLongestWaitingFirstAndAssigningAnsweringAndWaitingOnTheResidentMoveCasesThroughIt() throws Exception {
        Case older = seed(Category.QUERY, CaseStatus.ACKNOWLEDGED, "High Street, Leek", Instant.now().minus(Duration.ofHours(3)));
        Case newer = seed(Category.COMPLAINT, CaseStatus.ACKNOWLEDGED, "Mill Lane, Stafford", Instant.now().minus(Duration.ofHours(1)));
        Case report = seed(Category.POTHOLE_REPORT, CaseStatus.ACKNOWLEDGED, "Stone Road, Stone");
        Set<String> ours = Set.of(older.reference().value(), newer.reference().value(), report.reference().value());

        JsonNode inbox = ok(api.get("/api/inbox?limit=200", AGENT));
        assertEquals(List.of(older.reference().value(), newer.reference().value()), inboxReferences(inbox, ours),
                "longest waiting first; a report nobody asked about is not waiting");
        JsonNode first = entry(inbox, older);
        assertTrue(Math.abs(first.path("waitedMinutes").asLong() - 180) <= 1, first.toString());
        assertEquals(older.lastResidentMessageAt().plus(Duration.ofHours(24)), Instant.parse(first.path("freeFormUntil").asText()));
        assertTrue(first.path("replyMinutesLeft").asLong() > 0, first.toString());

        JsonNode assigned = ok(api.post("/api/cases/" + older.reference() + "/assignee", "{\"assignee\":\"me\"}", AGENT));
        assertEquals("agent@council.example", assigned.path("handling").path("assignee").asText());
        assertEquals(List.of(older.reference().value()), inboxReferences(ok(api.get("/api/inbox?assignee=mine&limit=200", AGENT)), ours));
        assertEquals(List.of(newer.reference().value()), inboxReferences(ok(api.get("/api/inbox?assignee=unassigned&limit=200", AGENT)), ours));

        JsonNode saved = ok(api.get("/api/cases/" + older.reference() + "/saved-replies", AGENT));
        JsonNode photo = java.util.stream.StreamSupport.stream(saved.spliterator(), false)
                .filter(r -> r.path("id").asText().equals("need-photo")).findFirst().orElseThrow();
        assertTrue(photo.path("text").asText().contains(older.reference().value()) && photo.path("text").asText().contains("High Street, Leek")
                && photo.path("text").asText().contains("Agent, Customer Services"), photo.toString());

        ok(api.post("/api/cases/" + older.reference() + "/replies", "{\"text\":" + json.writeValueAsString(photo.path("text").asText())
                + ",\"caseVersion\":" + assigned.path("version").asLong() + "}", AGENT));
        ok(api.post("/api/cases/" + newer.reference() + "/waiting-on-resident", "{\"note\":\"asked which bin\"}", AGENT));

        assertEquals(List.of(), inboxReferences(ok(api.get("/api/inbox?limit=200", AGENT)), ours), "one answered, one waiting on the resident");
        assertEquals(List.of(newer.reference().value()), inboxReferences(ok(api.get("/api/inbox?waiting=on_resident&limit=200", AGENT)), ours));
        JsonNode answered = ok(api.get("/api/cases/" + older.reference(), AGENT)).path("handling");
        assertTrue(answered.path("firstHumanAnswerAt").isTextual() && answered.path("awaitingAnswerSince").isNull(), answered.toString());

        assertBadRequest(api.get("/api/inbox?waiting=forever", AGENT), "waiting");
        assertBadRequest(api.get("/api/inbox?limit=0", AGENT), "limit");
        assertBadRequest(api.post("/api/cases/" + newer.reference() + "/assignee", "{\"assignee\":\"" + "x".repeat(200) + "\"}", AGENT),
                "assignee");
        assertEquals(404, api.get("/api/cases/" + Reference.random() + "/saved-replies", AGENT).statusCode());
        assertEquals(401, api.get("/api/inbox", null).statusCode());
    }

    private static List<String> inboxReferences(JsonNode inbox, Set<String> among) {
        List<String> found = new ArrayList<>();
        inbox.forEach(e -> {
            String ref = e.path("caseSummary").path("reference").asText();
            if (among.contains(ref)) {
                found.add(ref);
            }
        });
        return found;
    }

    private static JsonNode entry(JsonNode inbox, Case c) {
        for (JsonNode e : inbox) {
            if (e.path("caseSummary").path("reference").asText().equals(c.reference().value())) {
                return e;
            }
        }
        throw new AssertionError(c.reference() + " not in the inbox");
    }

    @Test
    void categoryChangesAndNotesAreRecordedAndNoteIsNeverSentToTheResident() throws Exception {
        Case c = seed(Category.QUERY, CaseStatus.ACKNOWLEDGED, "High Street, Leek");
        ok(api.post("/api/cases/" + c.reference() + "/category", "{\"category\":\"complaint\",\"note\":\"chasing\"}", AGENT));
        ok(api.post("/api/cases/" + c.reference() + "/notes", "{\"note\":\"rang the depot\"}", AGENT));
        assertBadRequest(api.post("/api/cases/" + c.reference() + "/notes", "{\"note\":\"\"}", AGENT), "note");

        JsonNode detail = ok(api.get("/api/cases/" + c.reference(), AGENT));
        assertEquals("complaint", detail.path("category").asText());
        assertFalse(detail.hasNonNull("service"), "only a report has a service");
        assertTrue(detail.path("history").findValuesAsText("type").containsAll(List.of("category_changed", "note")));

        assertBadRequest(api.post("/api/cases/" + c.reference() + "/category", "{\"category\":\"query\",\"service\":\"graffiti\"}", AGENT),
                "only for pothole_report and fault_report");
        assertBadRequest(api.post("/api/cases/" + c.reference() + "/category", "{\"category\":\"fault_report\",\"service\":\"potholes\"}",
                AGENT), "street_lighting");
        JsonNode light = ok(api.post("/api/cases/" + c.reference() + "/category", "{\"category\":\"fault_report\",\"service\":\"street_lighting\"}",
                AGENT));
        assertEquals("street_lighting", light.path("service").asText());
        assertEquals("street_lighting", ok(api.get("/api/cases/" + c.reference(), AGENT)).path("service").asText(), "the case view shows it too");
        JsonNode catchAll = ok(api.post("/api/cases/" + c.reference() + "/category", "{\"category\":\"fault_report\"}", AGENT));
        assertEquals("other_fault", catchAll.path("service").asText(), "a report named no service goes to its category's catch-all");
        assertTrue(ok(api.get("/api/cases/" + c.reference(), AGENT)).path("history").findValuesAsText("detail")
                .contains("fault_report/street_lighting -> fault_report/other_fault"));
        assertTrue(queuedUpdates(Set.of(c.reference().value())).isEmpty());
    }

    @Test
    void aBulkUpdateOfAThousandCasesQueuesOneUpdateForEach() throws Exception {
        String road = "Bulk Road " + UUID.randomUUID().toString().substring(0, 6);
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            refs.add(seed(Category.POTHOLE_REPORT, CaseStatus.IN_PROGRESS, road + ", Stone").reference().value());
        }
        Case closedAlready = seed(Category.POTHOLE_REPORT, CaseStatus.RESOLVED, road + ", Stone");
        long started = System.nanoTime();
        JsonNode result = ok(api.post("/api/bulk/status", "{\"filter\":{\"category\":\"pothole_report\",\"area\":\"" + road
                + "\"},\"status\":\"resolved\",\"note\":\"resurfaced\"}", SUPERVISOR));
        System.out.printf("bulk update: %d cases in %.1f s%n", result.path("matched").asInt(), (System.nanoTime() - started) / 1e9);

        assertEquals(1001, result.path("matched").asInt());
        assertEquals(1000, result.path("changed").asInt());
        assertEquals(closedAlready.reference().value(), result.path("skipped").get(0).path("reference").asText());
        List<JsonNode> updates = queuedUpdates(refs);
        assertEquals(1000, updates.size());
        assertEquals(refs, new HashSet<>(updates.stream().map(u -> u.path("reference").asText()).toList()));
        assertBadRequest(api.post("/api/bulk/status", "{\"filter\":{},\"status\":\"resolved\"}", SUPERVISOR), "filter");
    }

    @Test
    void erasureRemovesTheResidentsDataAndKeepsTheCase() throws Exception {
        Case c = seed(Category.COMPLAINT, CaseStatus.ACKNOWLEDGED, "Mill Lane, Cheadle");
        OutboundReply deferred = new OutboundReply("update:" + c.reference() + ":2", ReplyKind.PROGRESS_UPDATE, c.reference().value(),
                c.channel(), c.residentId(), c.visibility(), Optional.empty(), "Update on " + c.reference(), c.lastResidentMessageAt(),
                Instant.now(), List.of(c.reference().value())).deferred();
        cases.deferReply(deferred, Instant.now().plusSeconds(3600));
        JsonNode result = ok(api.post("/api/residents/erase", "{\"channel\":\"messenger\",\"residentId\":\"" + c.residentId()
                + "\",\"reason\":\"subject access erasure request\"}", SUPERVISOR));

        assertEquals(1, result.path("casesErased").asInt());
        JsonNode detail = ok(api.get("/api/cases/" + c.reference(), AGENT));
        assertEquals("erased", detail.path("residentId").asText());
        assertEquals("", detail.path("messages").get(0).path("text").asText());
        assertFalse(detail.path("messages").get(0).has("pin"));
        assertTrue(detail.path("history").findValuesAsText("type").contains("personal_data_erased"));
        assertFalse(dynamo.getItem(b -> b.tableName(EmulatorsTestResource.resources().table()).key(Map.of(
                "PK", AttributeValue.fromS("PENDING#" + deferred.attemptKey()), "SK", AttributeValue.fromS("#PENDING")))).hasItem(),
                "a reply deferred for later is not sent after erasure");
    }

    @Test
    void closingACaseSetsItsRetentionOnEveryItem() {
        Case c = seed(Category.POTHOLE_REPORT, CaseStatus.RESOLVED, "Stone Road, Stone");
        ok(api.post("/api/cases/" + c.reference() + "/status", "{\"status\":\"closed\"}", AGENT));

        List<Map<String, AttributeValue>> items = dynamo.query(b -> b.tableName(EmulatorsTestResource.resources().table())
                .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CASE#" + c.reference()))))
                .items();
        assertTrue(items.size() >= 3);
        long in729Days = Instant.now().plus(Duration.ofDays(729)).getEpochSecond();
        for (Map<String, AttributeValue> item : items) {
            assertTrue(Long.parseLong(item.get("expiresAt").n()) > in729Days, item.get("SK").s());
        }
    }

    @Test
    void anUpdateLeftPendingByACrashIsQueuedByTheSweep() throws Exception {
        Case c = seed(Category.POTHOLE_REPORT, CaseStatus.IN_PROGRESS, "Stone Road, Stone");
        Case resolved = c.withStatus(CaseStatus.RESOLVED).changed(Instant.now());
        var update = new uk.councilinbox.replies.ProgressUpdates(new uk.councilinbox.replies.ReplyTemplates())
                .forStatusChange(resolved, "", Instant.now());
        // The change and its update are saved, then the process "dies" before queuing it.
        cases.change(resolved, List.of(new CaseEvent(Instant.now(), "agent@council.example", "status_changed", "in_progress -> resolved")),
                update, Optional.empty());
        assertTrue(queuedUpdates(Set.of(c.reference().value())).isEmpty());

        assertTrue(pending.sweep(Instant.now().plusSeconds(60), 500) >= 1);
        assertEquals(1, queuedUpdates(Set.of(c.reference().value())).size());
        assertEquals(0, pending.sweep(Instant.now().plusSeconds(60), 500) - 0 * 0, "nothing left pending");
    }

    @Test
    void open311ListsServicesAndRequestsWithTheSpecsFieldsAndNoPersonalData() throws Exception {
        Case c = seed(Category.POTHOLE_REPORT, CaseStatus.IN_PROGRESS, "Stone Road, Stone ST15 8AA");
        JsonNode services = ok(api.get("/open311/v2/services.json", null));
        assertEquals(List.of("potholes", "street_lighting", "drainage_flooding", "signs_markings_signals", "trees_vegetation", "winter_ice_snow",
                "fly_tipping_litter", "graffiti", "obstructions_vehicles", "dead_animals", "other_fault", "complaint", "query"),
                services.findValuesAsText("service_code"), "the council's services but not the district's (bins), then complaints and enquiries");
        for (JsonNode service : services) {
            for (String field : List.of("service_code", "service_name", "description", "metadata", "type", "keywords", "group")) {
                assertTrue(service.has(field), field);
            }
        }
        JsonNode requests = ok(api.get("/open311/v2/requests.json?service_code=potholes&status=open", null));
        JsonNode mine = null;
        for (JsonNode r : requests) {
            if (r.path("service_request_id").asText().equals(c.reference().value())) {
                mine = r;
            }
        }
        assertTrue(mine != null, "the case is listed");
        for (String field : List.of("service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address",
                "address_id", "zipcode", "lat", "long", "media_url")) {
            assertTrue(mine.has(field), "Open311 field " + field);
        }
        assertEquals("open", mine.path("status").asText());
        assertEquals("ST15 8AA", mine.path("zipcode").asText());
        assertFalse(mine.toString().contains(c.residentId()));
        assertFalse(mine.toString().contains("still there"));
        assertEquals(c.reference().value(), ok(api.get("/open311/v2/requests/" + c.reference() + ".json", null)).get(0)
                .path("service_request_id").asText());
        Case light = seed(Category.FAULT_REPORT, CaseStatus.IN_PROGRESS, "Oak Avenue, Stone", Instant.now(), Optional.of("street_lighting"));
        JsonNode lights = ok(api.get("/open311/v2/requests.json?service_code=street_lighting", null));
        assertTrue(lights.findValuesAsText("service_request_id").contains(light.reference().value()));
        assertFalse(lights.findValuesAsText("service_request_id").contains(c.reference().value()), "a pothole is not a street light");
        assertEquals("Street lighting", lights.get(0).path("service_name").asText());
        Case bins = seed(Category.FAULT_REPORT, CaseStatus.REJECTED, "Birch Avenue, Stone", Instant.now(), Optional.of("waste_collection"));
        assertEquals(404, api.get("/open311/v2/requests/" + bins.reference() + ".json", null).statusCode(),
                "the district's problem is not one of this council's service requests");
        assertEquals(404, api.get("/open311/v2/requests/K7PD-M4QA.json", null).statusCode());
        assertEquals(400, api.get("/open311/v2/requests.json?service_code=litter", null).statusCode());
        assertEquals(400, api.get("/open311/v2/requests.json?status=maybe", null).statusCode());
        // Lines of one header are one list (RFC 9110); the local API Gateway stand-in sends each value on its own line.
        assertEquals("public, max-age=60", String.join(", ", api.get("/open311/v2/requests.json?status=closed", null).headers()
                .allValues("cache-control")), "public lists may be kept a minute, by shared caches too");
        assertEquals(400, api.get("/open311/v2/requests.json?service_request_id="
                + java.util.stream.IntStream.range(0, 101).mapToObj(i -> "R" + i).collect(java.util.stream.Collectors.joining(",")), null).statusCode(),
                "at most 100 ids at once");
    }

    @Test
    void theVocabularyGivesTheConsoleEveryStatusCategoryAndChannelWithLabelsAndTransitions() throws Exception {
        var response = api.get("/api/vocabulary", AGENT);
        assertEquals(200, response.statusCode());
        JsonNode vocabulary = json.readTree(response.body());

        Map<String, JsonNode> statuses = new java.util.LinkedHashMap<>();
        vocabulary.path("statuses").forEach(s -> statuses.put(s.path("value").asText(), s));
        assertEquals(java.util.Arrays.stream(CaseStatus.values()).map(CaseStatus::label).toList(), List.copyOf(statuses.keySet()));
        for (CaseStatus status : CaseStatus.values()) {
            List<String> next = new java.util.ArrayList<>();
            statuses.get(status.label()).path("next").forEach(n -> next.add(n.asText()));
            assertEquals(status.next().stream().map(CaseStatus::label).toList(), next, status.label());
        }
        assertEquals("Needs review", statuses.get("needs_review").path("label").asText());
        assertEquals(Category.values().length, vocabulary.path("categories").size());
        assertEquals("Pothole report", vocabulary.path("categories").get(0).path("label").asText());
        assertEquals("WhatsApp", vocabulary.path("channels").get(3).path("label").asText());
        JsonNode bins = vocabulary.path("services").get(10);
        assertEquals("waste_collection", bins.path("value").asText());
        assertEquals("fault_report", bins.path("category").asText());
        assertEquals("your district or borough council", bins.path("elsewhere").asText());
        assertEquals(401, api.get("/api/vocabulary", null).statusCode());
    }

    @Test
    void errorsAreJsonWhateverTheRequestHoldsAndNothingUnknownIsServed() throws Exception {
        var control = api.get("/api/cases?a%01b%22%5C=1", AGENT);
        assertEquals(400, control.statusCode());
        assertEquals("application/json", control.headers().firstValue("content-type").orElse("").split(";")[0]);
        assertTrue(json.readTree(control.body()).path("error").asText().contains("a\u0001b\"\\"), control.body());

        var unknown = api.get("/api/nothing-here", AGENT);
        assertEquals(404, unknown.statusCode());
        assertEquals("no such endpoint", json.readTree(unknown.body()).path("error").asText());
        var wrongMethod = api.send(api.builder("/api/cases", AGENT).DELETE().build());
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(json.readTree(wrongMethod.body()).has("error"), wrongMethod.body());

        Case c = seed(Category.POTHOLE_REPORT, CaseStatus.ACKNOWLEDGED, "Stone Road, Stone");
        String status = "/api/cases/" + c.reference() + "/status";
        assertBadRequest(api.post(status, "", AGENT), "JSON object");
        assertBadRequest(api.post(status, "[1, 2]", AGENT), "JSON object");
        assertBadRequest(api.post(status, "{}", AGENT), "\"status\" is required");
        assertBadRequest(api.post(status, "{\"status\":\"in_progress\",\"note\":\"" + "x".repeat(2001) + "\"}", AGENT), "\"note\" is longer");
        assertEquals(CaseStatus.ACKNOWLEDGED, cases.find(c.reference()).orElseThrow().status(), "nothing changed");
    }

    @Test
    void theOpenApiDocumentDescribesEveryStaffEndpoint() {
        var doc = api.get("/q/openapi", null);
        assertEquals(200, doc.statusCode());
        for (String path : List.of("/api/me:", "/api/vocabulary:", "/api/cases:", "/api/cases/{reference}:", "/api/cases/{reference}/status:",
                "/api/cases/{reference}/category:", "/api/cases/{reference}/notes:", "/api/cases/{reference}/replies:",
                "/api/cases/{reference}/replies/preview:", "/api/cases/{reference}/suggestions:", "/api/bulk/status:", "/api/inbox:",
                "/api/cases/{reference}/assignee:", "/api/cases/{reference}/waiting-on-resident:", "/api/cases/{reference}/saved-replies:",
                "/api/trends/answer-times.csv:", "/api/residents/erase:",
                "/open311/v2/services.json:", "/open311/v2/requests.json:", "/webhooks/{platform}:")) {
            assertTrue(doc.body().contains("\n  " + path), path);
        }
        assertEquals(200, api.get("/api/me", AGENT).statusCode());
    }

    @Test
    void trendsShowAPlantedSpikeAndExportAsCsv() throws Exception {
        String town = "Spike" + UUID.randomUUID().toString().substring(0, 5);
        for (int week = 1; week <= 3; week++) {
            for (int i = 0; i < 2; i++) {
                seed(Category.POTHOLE_REPORT, CaseStatus.ACKNOWLEDGED, "Frost Lane, " + town, Instant.now().minus(Duration.ofDays(7L * week + i)));
            }
        }
        for (int i = 0; i < 9; i++) {
            seed(Category.POTHOLE_REPORT, CaseStatus.ACKNOWLEDGED, "Frost Lane, " + town, Instant.now().minus(Duration.ofHours(i * 12L)));
        }

        JsonNode trends = ok(api.get("/api/trends?days=28", AGENT));
        JsonNode spike = null;
        for (JsonNode s : trends.path("spikes")) {
            if (s.path("area").asText().equals(town) && s.path("category").asText().equals("pothole_report")) {
                spike = s;
            }
        }
        assertTrue(spike != null, "planted spike in " + town + ": " + trends.path("spikes"));
        assertEquals(9, spike.path("thisWeek").asInt());
        assertEquals(2.0, spike.path("baselineWeekly").asDouble());
        assertEquals(3.5, spike.path("change").asDouble());
        assertEquals(28, trends.path("days").size());
        assertTrue(trends.path("channelShift").path("estimatedSaving").asDouble() > 0);

        var csv = api.get("/api/trends.csv?days=28", AGENT);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("date,total,pothole_report,fault_report,complaint,query,other,messenger"), csv.body());
        assertEquals(29, csv.body().split("\r\n").length);
        var answerTimes = api.get("/api/trends/answer-times.csv?days=28", AGENT);
        assertEquals(200, answerTimes.statusCode());
        assertTrue(answerTimes.body().startsWith("channel,category,cases,human_answered,first_human_answer_median_minutes"), answerTimes.body());
        assertTrue(answerTimes.body().contains("\r\nmessenger,pothole_report,"), answerTimes.body());
        assertEquals(401, api.get("/api/trends", null).statusCode());
        assertBadRequest(api.get("/api/trends?days=1000", AGENT), "days");
    }

    private Case seed(Category category, CaseStatus status, String place) {
        return seed(category, status, place, Instant.now());
    }

    private Case seed(Category category, CaseStatus status, String place, Instant now) {
        return seed(category, status, place, now, Optional.empty());
    }

    private Case seed(Category category, CaseStatus status, String place, Instant now, Optional<String> service) {
        String resident = "psid-" + UUID.randomUUID();
        Case c = new Case(Reference.random(), status, category, 0.9, Channel.MESSENGER, resident, Visibility.PRIVATE, Optional.of(place),
                Optional.of(new GeoPoint(52.9, -2.15)), 0, now, now, now, 1, Optional.empty(), Handling.opened(category, now), service);
        InboundMessage message = new InboundMessage(Channel.MESSENGER, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE,
                category == Category.COMPLAINT ? "the pothole on the road is still there" : "pothole here", List.of(),
                Optional.of(new GeoPoint(52.9, -2.15)), now, Optional.empty());
        cases.open(c, message, new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "seeded"));
        return c;
    }

    /** Drains the outbound queue and returns the progress updates for these references. */
    private List<JsonNode> queuedUpdates(Set<String> references) throws Exception {
        return queued(references, "PROGRESS_UPDATE");
    }

    /** Drains the outbound queue and returns the replies of this kind for these references. */
    private List<JsonNode> queued(Set<String> references, String kind) throws Exception {
        String url = EmulatorsTestResource.resources().outboundQueueUrl();
        List<JsonNode> found = new ArrayList<>();
        for (int empty = 0; empty < 2; ) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            empty = batch.isEmpty() ? empty + 1 : 0;
            for (Message m : batch) {
                JsonNode reply = json.readTree(m.body());
                if (references.contains(reply.path("reference").asText()) && reply.path("kind").asText().equals(kind)) {
                    found.add(reply);
                }
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return found;
    }

    private JsonNode ok(java.net.http.HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A 400 whose {"error": ...} says what was wrong. */
    private void assertBadRequest(java.net.http.HttpResponse<String> response, String mentions) {
        assertEquals(400, response.statusCode(), response.body());
        try {
            assertTrue(json.readTree(response.body()).path("error").asText().contains(mentions), response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static List<String> references(JsonNode list) {
        return list.findValuesAsText("reference");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static java.security.PrivateKey devKey() throws Exception {
        try (var in = StaffApiTest.class.getResourceAsStream("/dev-keys/staff-jwt-private.pem")) {
            return io.smallrye.jwt.util.KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
