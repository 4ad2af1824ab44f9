package uk.councilinbox.replies;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.inject.Named;
import org.jboss.logging.Logger;
import uk.councilinbox.aws.SqsBatch;

/** Lambda entry point for the outbound queue: each record is one reply to send. */
@Named("sender")
public class SenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(SenderFunction.class);

    private final ReplyDispatcher dispatcher;
    private final ObjectReader reader;

    public SenderFunction(ReplyDispatcher dispatcher, ObjectMapper json) {
        this.dispatcher = dispatcher;
        this.reader = json.readerFor(OutboundReply.class);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, record -> send(reader.readValue(record.getBody())));
    }

    private void send(OutboundReply reply) {
        switch (dispatcher.dispatch(reply)) {
            case SendOutcome.Sent sent -> LOG.infof("Sent %s for %s on %s", reply.kind(), reply.reference(), reply.channel());
            case SendOutcome.RetryLater later -> throw new IllegalStateException("retry later: " + later.reason());
            case SendOutcome.Refused refused ->
                    LOG.warnf("%s for %s refused on %s: %s", reply.kind(), reply.reference(), reply.channel(), refused.reason());
        }
    }
}
