package uk.councilinbox.config;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.List;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.replies.OutboundQueue;
import uk.councilinbox.replies.ReplyDispatcher;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.triage.Acknowledgements;
import uk.councilinbox.triage.Classifier;
import uk.councilinbox.triage.Extractor;
import uk.councilinbox.triage.MaxentClassifier;
import uk.councilinbox.triage.TriageService;

/** Builds the plain-Java domain services from their adapters, so the domain needs no framework. */
public class DomainWiring {

    /** Loaded at start-up (and so before a SnapStart snapshot), never on a resident's first message. */
    @Produces
    @Startup
    @ApplicationScoped
    Classifier classifier() {
        return MaxentClassifier.fromClasspath();
    }

    @Produces
    @ApplicationScoped
    ReplyTemplates replyTemplates() {
        return new ReplyTemplates();
    }

    @Produces
    @ApplicationScoped
    ReplyDispatcher replyDispatcher(@All List<ChannelSender> senders) {
        return new ReplyDispatcher(senders);
    }

    @Produces
    @ApplicationScoped
    TriageService triage(Classifier classifier, CaseStore cases, OutboundQueue outbound, ReplyTemplates templates,
            InboxConfig config, Clock clock) {
        return new TriageService(classifier, new Extractor(), cases, outbound, new Acknowledgements(templates),
                config.triage().reviewBelow(), clock);
    }
}
