package uk.councilinbox.trends.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.Map;
import org.jboss.logging.Logger;
import uk.councilinbox.trends.TrendReport;
import uk.councilinbox.trends.TrendReports;
import uk.councilinbox.trends.TrendsService;

/**
 * Scheduled daily: computes the trends of each period the console offers, from one read of the cases, and keeps the
 * reports for the staff API, which serves them without reading cases.
 */
@Named("trends")
public class TrendsFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Logger LOG = Logger.getLogger(TrendsFunction.class);
    static final int DAYS = 28;

    private final TrendsService trends;
    private final TrendReports reports;

    public TrendsFunction(TrendsService trends, TrendReports reports) {
        this.trends = trends;
        this.reports = reports;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        Map<Integer, TrendReport> computed = trends.compute(TrendsService.PERIODS);
        computed.forEach(reports::save);
        TrendReport report = computed.get(DAYS);
        LOG.infof("Trends for %s to %s: %d contacts, %d spike(s); kept for %s days", report.from(), report.to(),
                report.channelShift().contacts(), report.spikes().size(), computed.keySet());
        return Map.of("contacts", report.channelShift().contacts(), "spikes", report.spikes().size());
    }
}
