package uk.councilinbox.channels.meta;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;
import uk.councilinbox.settings.InboxConfig;

/**
 * Tells operators, in the sender's log, when the Graph API version every Meta host is called at is
 * within 90 days of the end date Meta publishes for it (then every Messenger, Instagram and WhatsApp
 * reply would fail). template.yaml's alarm matches {@link #MARKER}. Checked on each batch rather than
 * at start-up, because a SnapStart snapshot may be restored long after it was taken.
 */
@ApplicationScoped
public class GraphApiVersionWatch {

    public static final String MARKER = "GRAPH_API_VERSION_ENDING";
    static final long WARN_DAYS = 90;
    private static final Logger LOG = Logger.getLogger(GraphApiVersionWatch.class);

    private final String version;
    private final LocalDate ends;
    private final Clock clock;
    private volatile LocalDate warnedOn;

    @Inject
    public GraphApiVersionWatch(InboxConfig config, Clock clock) {
        this(config.graphApi().version(), config.graphApi().versionEnds(), clock);
    }

    GraphApiVersionWatch(String version, LocalDate ends, Clock clock) {
        this.version = version;
        this.ends = ends;
        this.clock = clock;
    }

    /** The warning due today, if any. */
    Optional<String> warning() {
        long days = ChronoUnit.DAYS.between(LocalDate.now(clock), ends);
        if (days > WARN_DAYS) {
            return Optional.empty();
        }
        return Optional.of(days < 0
                ? MARKER + ": Graph API " + version + " stopped on " + ends + "; Meta refuses calls to it: set GRAPH_API_VERSION to a current version"
                : MARKER + ": Graph API " + version + " stops on " + ends + " (in " + days + " days): set GRAPH_API_VERSION and "
                        + "GRAPH_API_VERSION_ENDS to a newer version before then");
    }

    /** Logs the warning at most once a day per function instance. */
    public void warnIfEnding() {
        LocalDate today = LocalDate.now(clock);
        if (today.equals(warnedOn)) {
            return;
        }
        warning().ifPresent(message -> {
            warnedOn = today;
            LOG.warn(message);
        });
    }
}
