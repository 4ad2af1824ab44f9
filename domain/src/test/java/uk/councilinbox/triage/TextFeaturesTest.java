package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    private static void assertTokens(String text, String... expected) {
        assertArrayEquals(expected, TextFeatures.tokens(text), text);
    }

    @Test
    void wordsAreLowerCased() {
        assertTokens("Pothole on STATION Road", "pothole", "on", "station", "road");
    }

    @Test
    void punctuationAndSpacesSeparateWords() {
        assertTokens("pothole!!! help...please,  now", "pothole", "help", "please", "now");
    }

    @Test
    void hyphensSeparateWords() {
        assertTokens("co-op", "co", "op");
    }

    @Test
    void digitsStayInWords() {
        assertTokens("the A34 near no.42", "the", "a34", "near", "no", "42");
    }

    @Test
    void emptyTextHasNoTokens() {
        assertTokens("");
        assertTokens("  ?! ");
    }

    @Test
    void emojiAreKeptAsTokens() {
        assertTokens("pothole 😡😡", "pothole", "😡", "😡");
    }

    @Test
    void emojiNextToAWordAreSeparateTokens() {
        assertTokens("great👍thanks", "great", "👍", "thanks");
    }

    @Test
    void emojiVariationSelectorsAreDropped() {
        assertTokens("love it ❤️", "love", "it", "❤");
    }

    @Test
    void lettersRepeatedThreeTimesAreCutToTwo() {
        assertTokens("sooo", "soo");
    }

    @Test
    void longLetterRunsAreCutToTwo() {
        assertTokens("Sooooooo baaaaad", "soo", "baad");
    }

    @Test
    void everyRunInAWordIsCut() {
        assertTokens("Hellllooooo", "helloo");
    }

    @Test
    void doubleLettersAreKept() {
        assertTokens("bookkeeper street", "bookkeeper", "street");
    }

    @Test
    void runsAreCutAfterLowerCasing() {
        assertTokens("nOoOo", "noo");
    }

    @Test
    void apostrophesInsideWordsAreKept() {
        assertTokens("there's a hole, it's deep", "there's", "a", "hole", "it's", "deep");
    }

    @Test
    void curlyApostrophesBecomeStraight() {
        assertTokens("there’s", "there's");
    }

    @Test
    void trailingApostrophesAreDropped() {
        assertTokens("residents' parking", "residents", "parking");
    }

    @Test
    void leadingApostrophesAreDropped() {
        assertTokens("'fixed'", "fixed");
    }

    @Test
    void fullWidthLettersAreNormalised() {
        assertTokens("ＳＴＯＰ", "stop");
    }
}
