package uk.councilinbox.trends.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import java.util.Map;
import org.jboss.logging.Logger;
import uk.councilinbox.trends.TrendReport;
import uk.councilinbox.trends.TrendReports;
import uk.councilinbox.trends.TrendsService;

/** Scheduled daily: computes the last four weeks' trends and keeps the report for the staff API. */
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
        TrendReport report = trends.compute(DAYS);
        reports.save(DAYS, report);
        LOG.infof("Trends for %s to %s: %d contacts, %d spike(s)", report.from(), report.to(), report.channelShift().contacts(),
                report.spikes().size());
        return Map.of("contacts", report.channelShift().contacts(), "spikes", report.spikes().size());
    }
}
