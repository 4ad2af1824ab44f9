package uk.councilinbox.open311.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.Map;
import org.jboss.logging.Logger;
import uk.councilinbox.open311.WorksUpdates;

/** Scheduled (every five minutes): fetches the works systems' changes since the last run and brings them to the cases. */
@Named("works-updates")
public class WorksUpdatesFunction implements RequestHandler<Map<String, Object>, Map<String, Integer>> {

    private static final Logger LOG = Logger.getLogger(WorksUpdatesFunction.class);

    private final WorksUpdates updates;

    public WorksUpdatesFunction(WorksUpdates updates) {
        this.updates = updates;
    }

    @Override
    public Map<String, Integer> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        WorksUpdates.Run run = updates.run();
        if (run.fetched() > 0) {
            LOG.infof("Works changes: %d fetched, %d applied, %d residents told, %d already handled, %d for requests not ours",
                    run.fetched(), run.applied(), run.told(), run.duplicates(), run.unknown());
        }
        return Map.of("fetched", run.fetched(), "applied", run.applied(), "told", run.told(), "duplicates", run.duplicates(),
                "unknown", run.unknown());
    }
}
