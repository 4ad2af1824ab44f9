package uk.councilinbox.open311.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.Map;
import org.jboss.logging.Logger;
import uk.councilinbox.open311.WorksReferrals;

/** Scheduled (every minute): queues the reports ready for their works system and not yet queued. */
@Named("works-sweep")
public class WorksSweepFunction implements RequestHandler<Map<String, Object>, Map<String, Integer>> {

    private static final Logger LOG = Logger.getLogger(WorksSweepFunction.class);

    private final WorksReferrals referrals;

    public WorksSweepFunction(WorksReferrals referrals) {
        this.referrals = referrals;
    }

    @Override
    public Map<String, Integer> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        int queued = referrals.sweep();
        if (queued > 0) {
            LOG.infof("Queued %d report%s for the works system", queued, queued == 1 ? "" : "s");
        }
        return Map.of("queued", queued);
    }
}
