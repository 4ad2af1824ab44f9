package uk.councilinbox.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.DevTokens;
import uk.councilinbox.local.EmulatorsTestResource;
import uk.councilinbox.local.MockEventServer;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;

/** The self-serve answers suggested for a case, over HTTP against moto, from the resident's recorded words. */
@QuarkusTest
@RequiresEmulators
@QuarkusTestResource(value = EmulatorsTestResource.class, restrictToAnnotatedClass = false)
class StaffAnswerApiTest {

    private static final String AGENT = DevTokens.bearer("agent@council.example", "agent");
    private static final String SUPERVISOR = DevTokens.bearer("supervisor@council.example", "supervisor");

    @Inject
    ObjectMapper json;

    @Inject
    CaseStore cases;

    ApiClient api;

    @BeforeEach
    void serve() {
        api = new ApiClient(MockEventServer.baseUrl());
    }

    @Test
    void anAgentSeesTheThreeBestAnswersToTheResidentsQuestionBestFirst() throws Exception {
        Case c = query("what time does the tip open on sunday?");

        JsonNode shown = ok(api.get(path(c), AGENT));

        assertEquals(3, shown.size(), shown.toString());
        JsonNode best = shown.get(0);
        assertEquals("tip-opening-times", best.path("answerId").asText());
        assertTrue(best.path("question").asText().contains("open"), best.toString());
        assertTrue(best.path("answer").asText().contains("recycling centres"), best.toString());
        assertTrue(best.path("link").asText().startsWith("https://"), best.toString());
        double confidence = best.path("confidence").asDouble();
        assertTrue(confidence > 0 && confidence <= 1, best.toString());
        assertTrue(shown.get(1).path("confidence").asDouble() < confidence, shown.toString());
    }

    @Test
    void aCaseWithoutWordsOrWhoseResidentWasErasedHasNoSuggestions() throws Exception {
        Case pinOnly = query("");
        assertEquals(0, ok(api.get(path(pinOnly), AGENT)).size());

        Case erased = query("how do I renew my blue badge");
        assertEquals("blue-badge", ok(api.get(path(erased), AGENT)).get(0).path("answerId").asText(), "suggested before erasure");
        ok(api.post("/api/residents/erase", "{\"channel\":\"messenger\",\"residentId\":\"" + erased.residentId() + "\",\"reason\":\"asked\"}",
                SUPERVISOR));
        assertEquals(0, ok(api.get(path(erased), AGENT)).size());
    }

    @Test
    void anUnknownCaseIsNotFoundAndAStaffTokenIsNeeded() {
        Case c = query("when is my bin day");
        assertEquals(404, api.get("/api/cases/" + Reference.random() + "/suggestions", AGENT).statusCode());
        assertEquals(404, api.get("/api/cases/not-a-ref/suggestions", AGENT).statusCode());
        assertEquals(401, api.get(path(c), null).statusCode());
        assertEquals(403, api.get(path(c), DevTokens.bearer("visitor@x", "resident")).statusCode());
    }

    private Case query(String text) {
        Instant now = Instant.now();
        String resident = "psid-" + UUID.randomUUID();
        Case c = new Case(Reference.random(), CaseStatus.ACKNOWLEDGED, Category.QUERY, 0.9, Channel.MESSENGER, resident, Visibility.PRIVATE,
                Optional.empty(), Optional.empty(), 0, now, now, now, 1, Optional.empty());
        Optional<GeoPoint> pin = text.isEmpty() ? Optional.of(new GeoPoint(52.9, -2.15)) : Optional.empty();
        cases.open(c, new InboundMessage(Channel.MESSENGER, "m_" + UUID.randomUUID(), resident, Visibility.PRIVATE, text, List.of(), pin, now,
                Optional.empty()), new CaseEvent(now, CaseEvent.SYSTEM, "case_opened", "seeded"));
        return c;
    }

    private static String path(Case c) {
        return "/api/cases/" + c.reference() + "/suggestions";
    }

    private JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }
}
