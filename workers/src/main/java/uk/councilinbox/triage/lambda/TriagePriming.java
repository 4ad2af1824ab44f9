package uk.councilinbox.triage.lambda;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import uk.councilinbox.answers.AnswerSuggestions;
import uk.councilinbox.answers.AutoAnswers;
import uk.councilinbox.startup.Priming;
import uk.councilinbox.startup.PrimingStep;
import uk.councilinbox.triage.Classifier;
import uk.councilinbox.triage.Extractor;

/** Loads the classifier's model and runs it and the extractor once; builds the answer index when answers go automatically. */
@ApplicationScoped
public class TriagePriming implements PrimingStep {

    private final Instance<Classifier> classifier;
    private final Instance<AutoAnswers> autoAnswers;
    private final Instance<AnswerSuggestions> answers;

    public TriagePriming(Instance<Classifier> classifier, Instance<AutoAnswers> autoAnswers, Instance<AnswerSuggestions> answers) {
        this.classifier = classifier;
        this.autoAnswers = autoAnswers;
        this.answers = answers;
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
        if (autoAnswers.get().enabled()) {
            // Builds the self-serve answer index now rather than on the first query.
            answers.get().suggest("What time does the tip open on Sunday?", 1);
        }
    }
}
