package uk.councilinbox.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdkCallLogTest {

    @Test
    void readsTheCallsOfOneOperationLoggedAfterTheMark(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("webhooks.log");
        Files.writeString(log, "{\"loggerName\":\"awscalls\",\"message\":\"AWS call Sqs.SendMessageBatch 9000 us\"}\n");
        SdkCallLog calls = new SdkCallLog(log);
        long mark = calls.mark();
        Files.writeString(log, """
                {"loggerName":"awscalls","message":"AWS call Sqs.SendMessageBatch 4210 us"}
                {"loggerName":"awscalls","message":"AWS call DynamoDb.GetItem 1500 us"}
                {"loggerName":"x","message":"Accepted 1 message"}
                {"loggerName":"awscalls","message":"AWS call Sqs.SendMessageBatch 3800 us"}
                """, StandardOpenOption.APPEND);

        assertArrayEquals(new long[] {4_210_000, 3_800_000}, calls.since(mark, "Sqs", "SendMessageBatch"));
        assertArrayEquals(new long[] {9_000_000, 4_210_000, 3_800_000}, calls.since(0, "Sqs", "SendMessageBatch"));
        assertEquals(java.util.Map.of("DynamoDb.GetItem", 1, "Sqs.SendMessageBatch", 2), calls.counts(mark));
        assertEquals(java.util.Map.of(), new SdkCallLog(dir.resolve("none.log")).counts(0), "a function that never logged");
    }
}
