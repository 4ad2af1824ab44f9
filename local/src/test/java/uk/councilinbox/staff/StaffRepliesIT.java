package uk.councilinbox.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.councilinbox.local.ApiClient;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.local.WebhookClient;

/**
 * An agent answers residents who wrote some time ago, through the whole local system (webhook, triage, staff API,
 * sender, fake platform), with the app approved for Meta's Human Agent feature: at 3 days on Messenger the reply
 * goes with the {@code HUMAN_AGENT} tag; at 30 hours on WhatsApp inside the approved update template; at 9 days
 * on Messenger it is held, says so, and goes (once, as an ordinary message) when the resident next writes.
 */
@RequiresEmulators
class StaffRepliesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalSystem system;
    private static WebhookClient webhooks;
    private static ApiClient api;
    private static String agent;

    @BeforeAll
    static void start() throws Exception {
        LocalSystem.Options defaults = LocalSystem.Options.defaults(0);
        system = new LocalSystem(new LocalSystem.Options(0, defaults.artifacts(), defaults.logDir(), 1,
                Map.of("inbox.meta.human-agent-approved", "true")));
        webhooks = new WebhookClient(system.baseUrl());
        api = new ApiClient(system.baseUrl());
        var token = api.get("/_local/token?role=agent", null);
        assertEquals(200, token.statusCode(), token.body());
        agent = "Bearer " + JSON.readTree(token.body()).path("token").asText();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void threeDaysOnMessengerTheAgentsReplyGoesOnceWithTheHumanAgentTag() throws Exception {
        String resident = "70" + digits(14);
        JsonNode c = caseOf(resident, postMessenger(resident, "When is the tip at Leek open?", Instant.now().minus(Duration.ofDays(3))));
        String answer = answer();

        JsonNode sent = reply(c, answer);

        assertTrue(sent.path("preview").path("howItGoes").asText().contains("HUMAN_AGENT"), sent.toString());
        FakePlatform.Sent delivered = awaitSent(s -> s.text().equals(answer), Duration.ofSeconds(15));
        assertEquals(List.of("messenger", resident, "HUMAN_AGENT"), List.of(delivered.channel(), delivered.recipient(), delivered.tag()));
        assertEquals("MESSAGE_TAG", delivered.request().path("messaging_type").asText());
        assertSentOnce(s -> s.text().equals(answer));
    }

    @Test
    void thirtyHoursOnWhatsAppTheApprovedTemplateCarriesTheAgentsReply() throws Exception {
        String phone = "4477009" + digits(5);
        JsonNode c = caseOf(phone, postWhatsApp(phone, "Do I need a permit for the tip with a van?", Instant.now().minus(Duration.ofHours(30))));
        String answer = answer();

        JsonNode sent = reply(c, answer);

        assertTrue(sent.path("preview").path("howItGoes").asText().contains("WhatsApp template"), sent.toString());
        FakePlatform.Sent delivered = awaitSent(s -> s.recipient().equals(phone) && s.text().contains(answer), Duration.ofSeconds(15));
        assertEquals(List.of("whatsapp", "template"), List.of(delivered.channel(), delivered.kind()));
        assertTrue(delivered.text().contains(c.path("reference").asText()), "the template names the case: " + delivered.text());
        assertSentOnce(s -> s.recipient().equals(phone) && s.text().contains(answer));
    }

    @Test
    void nineDaysOnMessengerTheReplyIsHeldWithTheReasonAndGoesOnceWhenTheResidentNextWrites() throws Exception {
        String resident = "70" + digits(14);
        JsonNode c = caseOf(resident, postMessenger(resident, "Are the roads being gritted tonight?", Instant.now().minus(Duration.ofDays(9))));
        String answer = answer();

        JsonNode sent = reply(c, answer);

        JsonNode preview = sent.path("preview");
        assertFalse(preview.path("goesNow").asBoolean(), preview.toString());
        assertTrue(preview.path("howItGoes").asText().contains("it goes when they next write"), preview.toString());
        Thread.sleep(3_000);
        assertTrue(system.platform().outbox().stream().noneMatch(s -> s.text().equals(answer)), "held: nothing may go at 9 days");
        String history = api.get("/api/cases/" + c.path("reference").asText(), agent).body();
        assertTrue(history.contains("reply_held"), history);

        postMessenger(resident, "Hello? Any news?", Instant.now());

        FakePlatform.Sent delivered = awaitSent(s -> s.text().equals(answer), Duration.ofSeconds(15));
        assertEquals(List.of("messenger", resident), List.of(delivered.channel(), delivered.recipient()));
        assertEquals("RESPONSE", delivered.request().path("messaging_type").asText(), "inside the window again: an ordinary reply");
        assertSentOnce(s -> s.text().equals(answer));
    }

    private static String answer() {
        return "Hello, the answer to your question is " + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    private static String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((int) (Math.random() * 10));
        }
        return b.toString();
    }

    private static Instant postMessenger(String resident, String text, Instant at) {
        long ms = at.toEpochMilli();
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"time\":" + ms + ",\"messaging\":[{\"sender\":{\"id\":\"" + resident
                + "\"},\"recipient\":{\"id\":\"1\"},\"timestamp\":" + ms + ",\"message\":{\"mid\":\"m_" + UUID.randomUUID()
                + "\",\"text\":\"" + text + "\"}}]}]}";
        assertEquals(200, webhooks.postMeta("meta", body.getBytes(StandardCharsets.UTF_8)).statusCode());
        return at;
    }

    private static Instant postWhatsApp(String phone, String text, Instant at) {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"112233445566778\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"441632960123\","
                + "\"phone_number_id\":\"109876543210987\"},\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"wamid." + UUID.randomUUID()
                + "\",\"timestamp\":\"" + at.getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]}}]}]}";
        assertEquals(200, webhooks.postMeta("whatsapp", body.getBytes(StandardCharsets.UTF_8)).statusCode());
        return at;
    }

    /** The case the resident's message opened, as the staff API shows it (its acknowledgement may be held, so found by the API). */
    private static JsonNode caseOf(String residentId, Instant wrote) throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode c : JSON.readTree(api.get("/api/cases?status=received,acknowledged,needs_review&limit=1000", agent).body())) {
                if (c.path("residentId").asText().equals(residentId)) {
                    assertEquals(wrote.getEpochSecond(), Instant.parse(c.path("lastResidentMessageAt").asText()).getEpochSecond());
                    return c;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no case for the resident's message within 15 s");
    }

    /**
     * The agent reads the case and answers; if the case changed meanwhile (its acknowledgement going out moves it to
     * acknowledged) the reply is refused, nothing is sent, and the agent reads it again and sends, as the console says to.
     */
    private static JsonNode reply(JsonNode c, String text) throws Exception {
        String path = "/api/cases/" + c.path("reference").asText();
        for (int attempt = 1; ; attempt++) {
            long version = JSON.readTree(api.get(path, agent).body()).path("version").asLong();
            var sent = api.post(path + "/replies", "{\"text\":\"" + text + "\",\"caseVersion\":" + version + "}", agent);
            if (sent.statusCode() == 409 && attempt < 3) {
                Thread.sleep(500);
                continue;
            }
            assertEquals(200, sent.statusCode(), sent.body());
            return JSON.readTree(sent.body());
        }
    }

    private static void assertSentOnce(Predicate<FakePlatform.Sent> match) throws InterruptedException {
        Thread.sleep(500);
        assertEquals(1, system.platform().outbox().stream().filter(match).count(), "sent once: " + system.platform().outbox());
    }

    private static FakePlatform.Sent awaitSent(Predicate<FakePlatform.Sent> match, Duration timeout) throws InterruptedException {
        return system.platform().awaitSent(match, timeout, "nothing matching");
    }
}
