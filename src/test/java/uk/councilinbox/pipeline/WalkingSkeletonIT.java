package uk.councilinbox.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.councilinbox.local.FakePlatform;
import uk.councilinbox.local.LocalSystem;
import uk.councilinbox.local.Provisioning;
import uk.councilinbox.local.RequiresEmulators;
import uk.councilinbox.local.WebhookClient;

/**
 * A resident's Messenger message travels every stage over the real emulators and the built artifact:
 * webhook -> inbound queue -> triage -> case table -> outbound queue -> sender -> platform.
 */
@RequiresEmulators
class WalkingSkeletonIT {

    private static final Pattern REFERENCE = Pattern.compile("\\b([2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4})\\b");

    private static LocalSystem system;
    private static WebhookClient webhooks;

    @BeforeAll
    static void start() throws Exception {
        system = new LocalSystem(LocalSystem.Options.defaults(0));
        webhooks = new WebhookClient(system.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void messengerMessageBecomesCaseAndAcknowledgement() throws Exception {
        var response = webhooks.postMeta("meta", WebhookClient.fixture("messenger-text.json"));
        assertEquals(200, response.statusCode(), response.body());

        String resident = "7012345678901234";
        FakePlatform.Sent ack = awaitSent(resident, Duration.ofSeconds(20));
        Matcher ref = REFERENCE.matcher(ack.text());
        assertTrue(ref.find(), "acknowledgement carries a reference: " + ack.text());

        try (DynamoDbClient dynamo = Provisioning.dynamo(system.emulators().dynamoEndpoint())) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(Provisioning.TABLE)
                    .key(Map.of("PK", AttributeValue.fromS("CASE#" + ref.group(1)), "SK", AttributeValue.fromS("#CASE")))).item();
            assertEquals("pothole_report", item.get("category").s());
            assertEquals(resident, item.get("residentId").s());
        }
    }

    private static FakePlatform.Sent awaitSent(String recipient, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<FakePlatform.Sent> sent = system.platform().outbox();
            Optional<FakePlatform.Sent> match = sent.stream().filter(s -> s.recipient().equals(recipient)).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing sent to " + recipient + " within " + timeout);
    }
}
