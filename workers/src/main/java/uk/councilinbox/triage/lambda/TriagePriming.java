package uk.councilinbox.triage.lambda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import uk.councilinbox.startup.Priming;
import uk.councilinbox.startup.PrimingStep;
import uk.councilinbox.triage.Classifier;
import uk.councilinbox.triage.Extractor;

/** Loads the classifier's model and runs it and the extractor once. */
@ApplicationScoped
public class TriagePriming implements PrimingStep {

    private final Instance<Classifier> classifier;

    public TriagePriming(Instance<Classifier> classifier) {
        this.classifier = classifier;
    }

    @Override
    public String name() {
        return "classifier";
    }

    @Override
    public boolean appliesTo(String handler) {
        return handler.equals("triage");
    }

    @Override
    public void run() {
        classifier.get().classify("There is a deep pothole on Stone Road, Stone ST15 8AA");
        new Extractor().extract(Priming.sample());
    }
}
