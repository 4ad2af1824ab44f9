package uk.councilinbox.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code bin/redrive} on ElasticMQ: its message move task runs but moves no FIFO message (pinned here, so an
 * ElasticMQ that starts moving them shows up), and the local equivalent puts each dead letter back in its
 * group with a fresh receive count.
 */
class RedriveTest {

    @Test
    void fifoDeadLettersGoBackToTheirQueueOnce() throws Exception {
        try (ElasticMq elasticMq = ElasticMq.start(); SqsClient sqs = Provisioning.sqs(elasticMq.endpoint())) {
            String dlq = sqs.createQueue(b -> b.queueName("redrive-dlq.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")))
                    .queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
            String queue = sqs.createQueue(b -> b.queueName("redrive.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("reply").messageGroupId("resident").messageDeduplicationId("reply-1"));
            sqs.receiveMessage(b -> b.queueUrl(queue));
            Thread.sleep(1500);
            assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages().size(), "moved to the dead-letter queue");

            Redrive.Result result = Redrive.run(sqs, queue, Duration.ofSeconds(20), true);

            assertEquals("COMPLETED", result.status());
            assertEquals(0, result.moved(), "ElasticMQ 1.7.1's task moves no FIFO message");
            assertEquals(1, result.movedByHand());
            Message back = sqs.receiveMessage(b -> b.queueUrl(queue).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages().getFirst();
            assertEquals("reply", back.body());
            assertEquals("resident", back.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
            assertEquals("1", back.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
            assertEquals(0, sqs.receiveMessage(b -> b.queueUrl(dlq)).messages().size());
        }
    }
}
