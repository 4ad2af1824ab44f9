package uk.councilinbox.triage.lambda;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.messages.InboundMessage;

/**
 * Counts the cases triage opens and the follow-ups it adds, at the case store's edge: each is written once per
 * message (a redelivery finds it recorded and writes nothing), so a count here is one per resident's message.
 */
@Decorator
@Priority(10)
abstract class CountedCases implements CaseStore {

    @Inject
    @Delegate
    CaseStore cases;

    /** A default method of the interface: a decorator would run that default, not the store's own, unless it passes it on. */
    @Override
    public ReadAhead readAhead(Collection<String> residentKeys) {
        return cases.readAhead(residentKeys);
    }

    @Override
    public void open(Case newCase, InboundMessage message, List<CaseEvent> events) {
        cases.open(newCase, message, events);
        TriageFunction.METRICS.count(message.channel(), TriageFunction.CASES_OPENED);
    }

    @Override
    public void attach(Case updated, InboundMessage message, CaseEvent event) {
        cases.attach(updated, message, event);
        TriageFunction.METRICS.count(message.channel(), TriageFunction.FOLLOW_UPS);
    }
}
