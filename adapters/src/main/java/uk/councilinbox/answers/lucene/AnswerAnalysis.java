package uk.councilinbox.answers.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How residents' words and the council's wordings are compared: Lucene's English analysis (lower case,
 * possessives dropped, Porter stemming) with English stop words and, on top, the words every question and
 * greeting shares ("how", "my", "please", "thanks"), which say nothing about which answer fits.
 */
final class AnswerAnalysis {

    /** Words at least this long (after stemming) may match one letter off: shorter ones would match too much. */
    static final int FUZZY_FROM_LENGTH = 4;

    private static final Set<String> CHATTER = Set.of(
            "i", "i'm", "im", "me", "my", "we", "our", "us", "you", "your", "he", "she", "his", "her", "him",
            "how", "what", "when", "where", "which", "who", "why", "whats", "do", "does", "did", "doing", "can", "could",
            "would", "should", "shall", "may", "might", "must", "am", "has", "have", "had", "been", "being", "get", "got",
            "want", "wanted", "need", "needs", "know", "tell", "let", "like", "just", "any", "anyone", "some", "someone",
            "please", "pls", "plz", "thanks", "thank", "thx", "cheers", "hi", "hello", "hey", "dear", "sir", "madam",
            "morning", "afternoon", "evening", "ok", "okay", "also", "again", "still", "so", "very", "really", "all",
            "about", "from", "out", "up", "u", "ur", "wondering", "question", "quick", "council", "advice", "info",
            "information", "find", "there's", "it's", "don't", "dont", "cant", "can't", "isn't", "i've", "ive", "one");

    private AnswerAnalysis() {}

    static Analyzer analyzer() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(CHATTER);
        return new EnglishAnalyzer(stop);
    }

    /** The text's words as the index holds them, in order. */
    static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read text for matching", e);
        }
        return terms;
    }

    /** One letter added, removed, changed or two neighbours swapped: a typing slip. */
    static boolean oneEditApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            boolean changed = a.substring(i + 1).equals(b.substring(i + 1));
            boolean swapped = i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
            return changed || swapped;
        }
        return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i)) : b.substring(i + 1).equals(a.substring(i));
    }
}
