package uk.councilinbox.replies.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.dynamo.ResidentKeyRotation;
import uk.councilinbox.replies.PendingReplies;

/**
 * Scheduled (every minute): finishes what a crash or an outage left half done. Queues the progress updates left pending,
 * gives the cases closed more than a few minutes ago whose retention was not finished their expiry, and while the
 * resident key secret is rotated, moves residents to the new one ({@link ResidentKeyRotation}).
 */
@Named("pending-replies")
public class PendingRepliesFunction implements RequestHandler<Map<String, Object>, Map<String, Integer>> {

    private static final Logger LOG = Logger.getLogger(PendingRepliesFunction.class);
    private static final int BATCH = 500;
    private static final int RETENTION_BATCH = 50;
    /** Longer than a closing takes to set its own expiries, so the sweep does not race it. */
    private static final Duration RETENTION_GRACE = Duration.ofMinutes(5);
    /** Of the function's 60 s: what a rotation of the resident key secret may take of each run. */
    private static final Duration ROTATION_BUDGET = Duration.ofSeconds(30);

    private final PendingReplies pending;
    private final CaseStore cases;
    private final ResidentKeyRotation rotation;
    private final Clock clock;

    public PendingRepliesFunction(PendingReplies pending, CaseStore cases, ResidentKeyRotation rotation, Clock clock) {
        this.pending = pending;
        this.cases = cases;
        this.rotation = rotation;
        this.clock = clock;
    }

    @Override
    public Map<String, Integer> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        Instant now = clock.instant();
        int queued = pending.sweep(now, BATCH);
        if (queued > 0) {
            LOG.infof("Queued %d pending repl%s", queued, queued == 1 ? "y" : "ies");
        }
        int retained = cases.finishRetention(now.minus(RETENTION_GRACE), RETENTION_BATCH);
        if (retained > 0) {
            LOG.infof("Finished the retention of %d closed case(s)", retained);
        }
        ResidentKeyRotation.Progress rotated = rotation.advance(now, ROTATION_BUDGET);
        return Map.of("queued", queued, "retentionFinished", retained, "residentsMoved", rotated.moved());
    }
}
