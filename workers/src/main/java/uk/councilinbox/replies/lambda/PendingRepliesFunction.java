package uk.councilinbox.replies.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.Map;
import org.jboss.logging.Logger;
import uk.councilinbox.replies.PendingReplies;

/** Scheduled (every minute): queues progress updates a crash or a queue outage left pending. */
@Named("pending-replies")
public class PendingRepliesFunction implements RequestHandler<Map<String, Object>, Map<String, Integer>> {

    private static final Logger LOG = Logger.getLogger(PendingRepliesFunction.class);
    private static final int BATCH = 500;

    private final PendingReplies pending;
    private final Clock clock;

    public PendingRepliesFunction(PendingReplies pending, Clock clock) {
        this.pending = pending;
        this.clock = clock;
    }

    @Override
    public Map<String, Integer> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        int queued = pending.sweep(clock.instant(), BATCH);
        if (queued > 0) {
            LOG.infof("Queued %d pending repl%s", queued, queued == 1 ? "y" : "ies");
        }
        return Map.of("queued", queued);
    }
}
