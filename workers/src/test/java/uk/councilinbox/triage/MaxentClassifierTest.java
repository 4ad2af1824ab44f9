package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import opennlp.tools.doccat.DocumentSample;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Category;
import uk.councilinbox.triage.training.ClassifierTrainer;

/** One model decides the category and the service; the reason names the deciding words, never the place. */
class MaxentClassifierTest {

    @Test
    void aReportsCategoryIsItsServicesSummedAndItsServiceTheBestOfThem() throws IOException {
        List<DocumentSample> samples = new ArrayList<>();
        for (String town : List.of("Leek", "Stone", "Cheadle", "Rugeley", "Uttoxeter", "Tamworth")) {
            add(samples, "fault_report/street_lighting", "street light out on Mill Road " + town);
            add(samples, "fault_report/street_lighting", "lamp post not working by the school in " + town);
            add(samples, "fault_report/graffiti", "graffiti sprayed on the bridge in " + town);
            add(samples, "pothole_report/potholes", "deep pothole on Mill Road " + town);
            add(samples, "complaint", "still not fixed after I reported it, useless council " + town);
            add(samples, "query", "when is the tip open in " + town);
        }
        MaxentClassifier classifier = new MaxentClassifier(ClassifierTrainer.train(samples));

        Classification light = classifier.classify("Street light out on Mill Road, Leek ST13 5HL");
        assertEquals(Category.FAULT_REPORT, light.category());
        assertEquals(Optional.of("street_lighting"), light.service());
        assertTrue(light.reason().startsWith("words: "), light.reason());
        for (String place : List.of("mill", "leek", "st13", "5hl", "on")) {
            assertFalse(List.of(light.reason().substring(7).split(", ")).contains(place), light.reason());
        }
        Classification query = classifier.classify("when is the tip open");
        assertEquals(Category.QUERY, query.category());
        assertEquals(Optional.empty(), query.service(), "only reports have a service");
        assertEquals(Category.OTHER, classifier.classify("!!!").category(), "no words: a person decides");
        assertEquals(0.0, classifier.classify("!!!").confidence());
    }

    private static void add(List<DocumentSample> samples, String outcome, String text) {
        samples.add(new DocumentSample(ModelOutcome.parse(outcome).label(), TextFeatures.tokens(text)));
    }
}
