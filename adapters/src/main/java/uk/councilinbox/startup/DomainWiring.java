package uk.councilinbox.startup;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import uk.councilinbox.answers.AnswerBook;
import uk.councilinbox.answers.AnswerSuggestions;
import uk.councilinbox.answers.AutoAnswers;
import uk.councilinbox.answers.CaseSuggestions;
import uk.councilinbox.answers.lucene.LuceneAnswerIndex;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Services;
import uk.councilinbox.ingest.InboundQueue;
import uk.councilinbox.ingest.PlatformWebhook;
import uk.councilinbox.ingest.WebhookIntake;
import uk.councilinbox.photos.MediaLimits;
import uk.councilinbox.photos.MediaSource;
import uk.councilinbox.photos.MediaSources;
import uk.councilinbox.photos.PhotoQueue;
import uk.councilinbox.photos.PhotoRecords;
import uk.councilinbox.photos.PhotoService;
import uk.councilinbox.photos.PhotoStore;
import uk.councilinbox.replies.ChannelSender;
import uk.councilinbox.replies.DeliveryRules;
import uk.councilinbox.replies.HeldReplies;
import uk.councilinbox.replies.OutboundQueue;
import uk.councilinbox.replies.PendingReplies;
import uk.councilinbox.replies.ProgressUpdates;
import uk.councilinbox.replies.ReplyDispatcher;
import uk.councilinbox.replies.ReplyLedger;
import uk.councilinbox.replies.ReplySender;
import uk.councilinbox.replies.ReplyTemplates;
import uk.councilinbox.replies.SendBudget;
import uk.councilinbox.replies.SendPacing;
import uk.councilinbox.replies.DeliveryStatuses;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.staff.CaseWork;
import uk.councilinbox.staff.Inbox;
import uk.councilinbox.staff.SavedReplies;
import uk.councilinbox.staff.StaffReplies;
import uk.councilinbox.trends.TrendAnalysis;
import uk.councilinbox.trends.TrendsService;
import uk.councilinbox.triage.Acknowledgements;
import uk.councilinbox.triage.Classifier;
import uk.councilinbox.triage.Extractor;
import uk.councilinbox.triage.MaxentClassifier;
import uk.councilinbox.triage.TriageService;

/** Builds the plain-Java domain services from their adapters, so the domain needs no framework. */
public class DomainWiring {

    /** Loaded by {@link Priming} in the triage function's start-up (before a SnapStart snapshot), never on a first message. */
    @Produces
    @ApplicationScoped
    Classifier classifier() {
        return MaxentClassifier.fromClasspath();
    }

    @Produces
    @ApplicationScoped
    WebhookIntake webhookIntake(@All List<PlatformWebhook> platforms, InboundQueue queue, InboxConfig config) {
        return new WebhookIntake(platforms, queue, config.webhook().maxBodyBytes());
    }

    @Produces
    @ApplicationScoped
    ReplyTemplates replyTemplates() {
        return new ReplyTemplates();
    }

    @Produces
    @ApplicationScoped
    Services services() {
        return Services.fromClasspath();
    }

    @Produces
    @ApplicationScoped
    ReplyDispatcher replyDispatcher(@All List<ChannelSender> senders) {
        return new ReplyDispatcher(senders);
    }

    @Produces
    @ApplicationScoped
    DeliveryRules deliveryRules(InboxConfig config) {
        return new DeliveryRules(config.whatsapp().updateTemplate(), config.meta().humanAgentApproved(),
                messengerUtilityTemplate(config.meta().utilityTemplate()));
    }

    @Produces
    @ApplicationScoped
    ReplySender replySender(ReplyLedger ledger, DeliveryRules rules, ReplyDispatcher dispatcher, SendBudget budget, PendingReplies pending,
            InboxConfig config, Clock clock) {
        SendPacing pacing = SendPacing.forX(config.x().directMessagesPer15Minutes(), config.x().postsPer15Minutes(), budget, pending);
        return new ReplySender(ledger, rules, dispatcher, pacing, clock);
    }

    /** The Messenger utility template, only once it is named and marked approved. */
    private static Optional<DeliveryRules.UtilityTemplate> messengerUtilityTemplate(InboxConfig.UtilityTemplate t) {
        return t.approved() ? t.name().filter(n -> !n.isBlank()).map(n -> new DeliveryRules.UtilityTemplate(n, t.language())) : Optional.empty();
    }

    @Produces
    @ApplicationScoped
    PendingReplies pendingReplies(CaseStore cases, OutboundQueue outbound) {
        return new PendingReplies(cases, outbound);
    }

    @Produces
    @ApplicationScoped
    CaseWork caseWork(CaseStore cases, ReplyTemplates templates, Services services, PendingReplies pending, PhotoStore photos,
            InboxConfig config, Clock clock) {
        return new CaseWork(cases, new ProgressUpdates(templates, services), pending, photos, Duration.ofDays(config.staff().retentionDays()),
                clock);
    }

    @Produces
    @ApplicationScoped
    PhotoService photoService(CaseStore cases, PhotoRecords records, @All List<MediaSource> sources, PhotoStore store, Clock clock) {
        return new PhotoService(cases, records, new MediaSources(sources), MediaLimits.defaults(), store, clock);
    }

    @Produces
    @ApplicationScoped
    DeliveryStatuses deliveryStatuses(ReplyLedger ledger, Clock clock) {
        return new DeliveryStatuses(ledger, clock);
    }

    @Produces
    @ApplicationScoped
    StaffReplies staffReplies(CaseStore cases, DeliveryRules rules, ReplyTemplates templates, PendingReplies pending, Clock clock) {
        return new StaffReplies(cases, rules, templates, pending, clock);
    }

    @Produces
    @ApplicationScoped
    Inbox inbox(CaseStore cases, DeliveryRules rules, Clock clock) {
        return new Inbox(cases, rules, clock);
    }

    @Produces
    @ApplicationScoped
    SavedReplies savedReplies() {
        return new SavedReplies();
    }

    @Produces
    @ApplicationScoped
    TrendsService trends(CaseStore cases, InboxConfig config, Clock clock) {
        InboxConfig.Trends t = config.trends();
        return new TrendsService(cases, new TrendAnalysis(new TrendAnalysis.Settings(t.riseFactor(), t.minimumReports(),
                t.phoneCostPerContact(), t.socialCostPerContact(), t.poundsPerDollar(), java.time.ZoneId.of(t.zone())), clock), clock);
    }

    /** Built on first use (a client proxy): by the staff API's first suggestions, or by triage's priming when answers go automatically. */
    @Produces
    @ApplicationScoped
    AnswerSuggestions answerSuggestions() {
        return new LuceneAnswerIndex(AnswerBook.fromClasspath());
    }

    @Produces
    @ApplicationScoped
    AutoAnswers autoAnswers(AnswerSuggestions suggestions, InboxConfig config) {
        return new AutoAnswers(suggestions, config.answers().autoSendConfidence());
    }

    @Produces
    @ApplicationScoped
    CaseSuggestions caseSuggestions(CaseStore cases, AnswerSuggestions suggestions) {
        return new CaseSuggestions(cases, suggestions);
    }

    @Produces
    @ApplicationScoped
    TriageService triage(Classifier classifier, CaseStore cases, OutboundQueue outbound, ReplyTemplates templates, Services services,
            ReplyLedger ledger, AutoAnswers autoAnswers, PhotoQueue photos, InboxConfig config, Clock clock) {
        return new TriageService(classifier, new Extractor(), cases, outbound, new Acknowledgements(templates, services),
                new HeldReplies(ledger, outbound, clock), autoAnswers, services, photos, config.triage().reviewBelow(), clock);
    }
}
