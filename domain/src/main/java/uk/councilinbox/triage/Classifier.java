package uk.councilinbox.triage;

/** Decides what a resident's message is about. Thread-safe. */
public interface Classifier {
    Classification classify(String text);
}
