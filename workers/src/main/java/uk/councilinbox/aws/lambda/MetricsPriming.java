package uk.councilinbox.aws.lambda;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import uk.councilinbox.startup.PrimingStep;

/**
 * Serialises one embedded-metric-format document without writing it (a written one would count), and sets and clears a
 * correlation id, so the queue functions' first batch loads none of that.
 */
@ApplicationScoped
public class MetricsPriming implements PrimingStep {

    @Override
    public String name() {
        return "embedded metric format";
    }

    @Override
    public boolean appliesTo(String handler) {
        return handler.equals("triage") || handler.equals("sender") || handler.equals("photos");
    }

    @Override
    public void run() throws Exception {
        new BatchMetrics("priming"); // the Powertools instance and the EMF environment setting
        MetricsContext context = new MetricsContext();
        context.setNamespace(BatchMetrics.NAMESPACE);
        context.putDimension(BatchMetrics.CHANNEL, "priming");
        context.putMetric(BatchMetrics.RECORDS_FAILED, 0, Unit.COUNT);
        context.serialize();
        MDC.put(BatchMetrics.CORRELATION_ID, "priming");
        MDC.remove(BatchMetrics.CORRELATION_ID);
    }
}
