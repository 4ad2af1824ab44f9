package uk.councilinbox.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Tokens and features for the classifier. Words and word pairs carry meaning; character n-grams of
 * each word let misspellings ("pothoel", "pavment") share features with the right spelling; emoji
 * are kept as tokens because residents use them as words.
 */
public final class TextFeatures implements FeatureGenerator {

    static final String WORD = "w=";

    /** Lower-cased words and emoji. Letters repeated three times or more are cut to two ("sooo" -> "soo"). */
    public static String[] tokens(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).replace('’', '\'');
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < normal.length()) {
            int cp = normal.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) || (cp == '\'' && !word.isEmpty())) {
                int n = word.length();
                if (!(Character.isLetter(cp) && n >= 2 && word.charAt(n - 1) == cp && word.charAt(n - 2) == cp)) {
                    word.appendCodePoint(cp);
                }
            } else {
                flush(word, tokens);
                if (isPictograph(cp)) {
                    tokens.add(new String(Character.toChars(cp)));
                }
            }
        }
        flush(word, tokens);
        return tokens.toArray(String[]::new);
    }

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        List<String> features = new ArrayList<>(tokens.length * 6);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            features.add(WORD + token);
            if (i + 1 < tokens.length) {
                features.add("b=" + token + "_" + tokens[i + 1]);
            }
            if (token.length() >= 4 && Character.isLetter(token.charAt(0))) {
                String padded = "<" + token + ">";
                for (int n = 3; n <= 4; n++) {
                    for (int at = 0; at + n <= padded.length(); at++) {
                        features.add("c=" + padded.substring(at, at + n));
                    }
                }
            }
        }
        if (tokens.length <= 3) {
            features.add("short");
        }
        return features;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (!word.isEmpty()) {
            String token = word.toString();
            tokens.add(token.endsWith("'") ? token.substring(0, token.length() - 1) : token);
            word.setLength(0);
        }
    }

    private static boolean isPictograph(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || (cp >= 0x1F300 && cp <= 0x1FAFF);
    }
}
