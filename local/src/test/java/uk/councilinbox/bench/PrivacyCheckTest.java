package uk.councilinbox.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import uk.councilinbox.local.MotoTable;
import uk.councilinbox.local.Provisioning;

/** The bench's privacy check finds an id wherever it is put, and nothing in what the pipeline writes without one. */
class PrivacyCheckTest {

    @RegisterExtension
    static final MotoTable TABLE = new MotoTable();
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        dynamo = TABLE.dynamo();
    }

    @Test
    void anIdInAKeyAQueueIdOrALogLineIsFoundAndPseudonymsAndDigestsAreNot(@TempDir Path logs) throws Exception {
        Traffic traffic = new Traffic();
        Traffic.Delivery whatsapp = traffic.delivery(5, "whatsapp-text");
        Traffic.Delivery comment = traffic.delivery(4, "page-feed-comment");
        Traffic.Delivery other = traffic.delivery(14, "page-feed-comment");
        PrivacyCheck check = new PrivacyCheck(List.of(whatsapp, comment, other));

        put("RESIDENT#r_4kH2x9QpLm0vTz8yWcB1nE5aJ7", "#RESIDENT");
        put("CASE#ABCD-EFGH", "MSG#2026-12-04T10:00:00Z#0f1e2d3c4b5a69788796a5b4c3d2e1f0");
        check.sent("{\"Entries\":[{\"MessageGroupId\":\"r_4kH2x9QpLm0vTz8yWcB1nE5aJ7\",\"MessageBody\":\"{\\\"residentId\\\":\\\"x\\\"}\"}]}"
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(logs.resolve("triage.log"), "{\"message\":\"Triaged\",\"mdc\":{\"correlationId\":\"cb3c2c9e55ff3061\"}}\n");
        assertEquals(List.of(0, 0, 0), found(check, logs), "pseudonyms, digests and correlation ids name nobody");

        put("RESIDENT#WHATSAPP:" + whatsapp.residentId(), "#RESIDENT");
        check.sent(("{\"QueueUrl\":\"q\",\"MessageGroupId\":\"x\",\"MessageDeduplicationId\":\"" + comment.messageKey() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(logs.resolve("sender.log"), "{\"message\":\"Sent " + whatsapp.messageKey() + "\"}\n");
        assertEquals(List.of(1, 1, 1), found(check, logs), "the phone number in a key, the comment's id in a queue id, a message id in a log");
    }

    private static List<Integer> found(PrivacyCheck check, Path logs) {
        return check.run(dynamo, logs).stream().map(f -> f.examples().size()).toList();
    }

    private static void put(String pk, String sk) {
        dynamo.putItem(b -> b.tableName(Provisioning.TABLE).item(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk))));
    }
}
