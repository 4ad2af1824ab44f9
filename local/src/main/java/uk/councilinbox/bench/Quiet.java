package uk.councilinbox.bench;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.councilinbox.local.LocalSystem;

/** Waits for the local stack to have nothing left to do: both queues empty and no function invocation running. */
final class Quiet {

    private Quiet() {}

    /** Messages in a queue: visible, in flight and delayed. */
    static int depth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return a.values().stream().mapToInt(Integer::parseInt).sum();
    }

    static boolean idle(LocalSystem system, SqsClient sqs) {
        for (String function : List.of("triage", "sender")) {
            if (system.function(function).runtime().inFlight() > 0) {
                return false;
            }
        }
        return depth(sqs, system.resources().inboundQueueUrl()) == 0 && depth(sqs, system.resources().outboundQueueUrl()) == 0;
    }

    /** True once idle twice in a row half a second apart; false if still busy at the deadline. */
    static boolean await(LocalSystem system, SqsClient sqs, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        boolean wasIdle = false;
        while (System.currentTimeMillis() < deadline) {
            boolean idle = idle(system, sqs);
            if (idle && wasIdle) {
                return true;
            }
            wasIdle = idle;
            Thread.sleep(500);
        }
        return false;
    }
}
