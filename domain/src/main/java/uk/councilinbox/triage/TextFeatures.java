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

    /**
     * American and British words for the same street things, and run-together spellings: each also gives
     * the shared word's feature, so what the model learnt from one side's wording counts for the other's.
     */
    private static final Map<String, String> SAME_THING = Map.ofEntries(
            Map.entry("sidewalk", "pavement"), Map.entry("sidewalks", "pavement"), Map.entry("footpath", "pavement"),
            Map.entry("pavements", "pavement"), Map.entry("curb", "kerb"), Map.entry("curbs", "kerb"), Map.entry("kerbs", "kerb"),
            Map.entry("trash", "rubbish"), Map.entry("garbage", "rubbish"), Map.entry("litter", "rubbish"), Map.entry("refuse", "rubbish"),
            Map.entry("streetlight", "light"), Map.entry("streetlights", "light"), Map.entry("lights", "light"), Map.entry("lamp", "light"),
            Map.entry("lamppost", "light"), Map.entry("potholes", "pothole"), Map.entry("pothol", "pothole"), Map.entry("pot", "pothole"),
            Map.entry("gully", "drain"), Map.entry("gullies", "drain"), Map.entry("grid", "drain"), Map.entry("grids", "drain"),
            Map.entry("drains", "drain"), Map.entry("storm", "drain"), Map.entry("flooded", "flood"), Map.entry("flooding", "flood"),
            Map.entry("fly", "dumped"), Map.entry("tipping", "dumped"), Map.entry("tipped", "dumped"), Map.entry("dumping", "dumped"),
            Map.entry("couch", "sofa"), Map.entry("mattresses", "mattress"), Map.entry("bins", "bin"), Map.entry("wheelie", "bin"), Map.entry("pickup", "collected"), Map.entry("picked", "collected"),
            Map.entry("collection", "collected"), Map.entry("emptied", "collected"), Map.entry("trees", "tree"), Map.entry("branches", "branch"),
            Map.entry("bushes", "hedge"), Map.entry("shrubs", "hedge"), Map.entry("hedges", "hedge"), Map.entry("signs", "sign"),
            Map.entry("signal", "trafficlight"), Map.entry("signals", "trafficlight"), Map.entry("crosswalk", "crossing"), Map.entry("icy", "ice"),
            Map.entry("gritting", "grit"), Map.entry("gritter", "grit"), Map.entry("gritted", "grit"), Map.entry("roadkill", "dead"),
            Map.entry("tagged", "graffiti"), Map.entry("tagging", "graffiti"), Map.entry("graffitti", "graffiti"), Map.entry("grafitti", "graffiti"),
            Map.entry("abandoned", "abandon"), Map.entry("parked", "car"), Map.entry("vehicle", "car"), Map.entry("vehicles", "car"),
            Map.entry("cars", "car"), Map.entry("truck", "car"), Map.entry("van", "car"));

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
            String same = SAME_THING.get(token);
            if (same != null) {
                features.add("s=" + same);
            }
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
