package uk.councilinbox.startup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Services;
import uk.councilinbox.open311.WorksApi;
import uk.councilinbox.open311.WorksQueue;
import uk.councilinbox.open311.WorksRecords;
import uk.councilinbox.open311.WorksReferrals;
import uk.councilinbox.open311.WorksSystem;
import uk.councilinbox.open311.WorksSystems;
import uk.councilinbox.open311.WorksUpdates;
import uk.councilinbox.replies.PendingReplies;
import uk.councilinbox.replies.ProgressUpdates;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.settings.WorksConfig;

/** The works-system services (README, "Works system") from their settings and adapters. */
public class WorksWiring {

    /** A record (final) cannot be proxied: a singleton. */
    @Produces
    @Singleton
    WorksSystems worksSystems(WorksConfig config) {
        return systems(config);
    }

    /** The systems with an endpoint, each with the usual statuses under its own. */
    static WorksSystems systems(WorksConfig config) {
        return new WorksSystems(config.systems().entrySet().stream()
                .filter(e -> e.getValue().endpoint().filter(url -> !url.isBlank()).isPresent())
                .map(e -> system(e.getKey(), e.getValue())).toList());
    }

    private static WorksSystem system(String name, WorksConfig.System s) {
        Map<String, CaseStatus> statuses = new HashMap<>(WorksSystem.USUAL_STATUSES);
        s.statuses().forEach((theirs, ours) -> statuses.put(theirs.toLowerCase(Locale.ROOT),
                CaseStatus.valueOf(ours.trim().toUpperCase(Locale.ROOT))));
        return new WorksSystem(name, s.endpoint().orElseThrow(), s.jurisdiction().filter(j -> !j.isBlank()), s.services(), s.attributes(),
                statuses, WorksSystem.Feed.valueOf(s.feed().trim().toUpperCase(Locale.ROOT)), Duration.ofMinutes(s.pinWaitMinutes()));
    }

    @Produces
    @ApplicationScoped
    WorksReferrals worksReferrals(CaseStore cases, Services services, WorksSystems systems, WorksRecords records, WorksQueue queue,
            WorksApi api, WorksConfig config, Clock clock) {
        return new WorksReferrals(cases, services, systems, records, queue, api,
                new WorksReferrals.Settings(Duration.ofMinutes(config.lookBackMinutes()), Duration.ofMinutes(config.requeueAfterMinutes())),
                clock);
    }

    @Produces
    @ApplicationScoped
    WorksUpdates worksUpdates(CaseStore cases, WorksSystems systems, WorksRecords records, WorksApi api, ReplyTemplates templates,
            Services services, PendingReplies pending, WorksConfig works, InboxConfig config, Clock clock) {
        return new WorksUpdates(cases, systems, records, api, new ProgressUpdates(templates, services), pending,
                new WorksUpdates.Settings(Duration.ofMinutes(works.overlapMinutes()), Duration.ofHours(works.firstFetchHours()),
                        Duration.ofDays(config.staff().retentionDays())), clock);
    }
}
