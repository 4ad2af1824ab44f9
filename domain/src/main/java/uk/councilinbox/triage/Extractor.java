package uk.councilinbox.triage;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.InboundMessage;

/** Pulls locations, photos and quoted reference numbers out of a message. Plain rules, no state. */
public final class Extractor {

    private static final Pattern POSTCODE = Pattern.compile(
            "\\b([A-Z]{1,2}[0-9][A-Z0-9]?)\\s*([0-9][ABD-HJLNP-UW-Z]{2})\\b", Pattern.CASE_INSENSITIVE);
    private static final String SUFFIXES = "road|rd|street|st|lane|ln|avenue|ave|drive|dr|way|close(?!\\s+to\\b)|crescent|cres|hill"
            + "|terrace|place|grove|gardens|court|walk|row|parade|square|green|bank|bypass|by-pass|boulevard|mews|rise|view";
    /** "road", "street": ordinary words that may well decide ("road surface"), unlike the name before them. */
    private static final Set<String> SUFFIX_WORDS = Set.of("road", "street", "lane", "avenue", "drive", "way", "hill", "bank", "green",
            "view", "place", "walk", "row", "court");
    private static final Set<String> ABBREVIATED_SUFFIXES = Set.of("rd", "st", "ln", "ave", "dr", "cres");
    private static final Pattern NAMED_ROAD = Pattern.compile(
            "\\b((?:[A-Za-z][A-Za-z'’.-]*\\s){1,3}?)(" + SUFFIXES + ")\\b\\.?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBERED_ROAD = Pattern.compile(
            "\\b([AB][0-9]{1,4})\\b(?:\\([MT]\\))?(?!\\s*[0-9][ABD-HJLNP-UW-Z]{2}\\b)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOWN_AFTER = Pattern.compile("^\\s*(?:,|\\bin\\b|\\bnear\\b|\\bat\\b)\\s*([A-Z][a-z]+(?:[ -](?:upon|on|under|le|in|by|[A-Z][a-z]+))*)");
    private static final Set<String> NOT_NAMES = Set.of("the", "a", "an", "my", "our", "your", "this", "that", "on", "in",
            "at", "of", "up", "down", "along", "outside", "near", "by", "off", "to", "from", "and", "is", "it", "there",
            "theres", "there's", "pothole", "hole", "big", "huge", "massive", "opposite", "end", "top", "bottom", "corner",
            "junction", "same", "main", "which", "with", "for", "just", "me", "we", "i", "you", "has", "have", "its",
            "over", "past", "across", "around", "behind", "beside", "between", "into", "onto", "through", "towards", "under", "via");

    public Extraction extract(InboundMessage message) {
        String text = message.text();
        Optional<String> postcode = postcode(text);
        Optional<RoadMatch> road = road(text);
        Optional<String> town = road.flatMap(r -> town(text.substring(r.end())));
        int photos = (int) message.attachments().stream().filter(a -> a.kind() == Attachment.Kind.IMAGE).count();
        return new Extraction(road.map(RoadMatch::name), town, postcode, message.location(), photos, Reference.findIn(text));
    }

    /**
     * The words of the places a text names (road, town, postcode), as {@link TextFeatures#tokens} writes
     * them: a classification's reason leaves them out, since a place never decides what a message is about.
     */
    public static Set<String> placeWords(String text) {
        Optional<RoadMatch> road = road(text);
        String places = String.join(" ", road.map(RoadMatch::name).orElse(""),
                road.flatMap(r -> town(text.substring(r.end()))).orElse(""), postcode(text).orElse(""));
        Set<String> words = java.util.Arrays.stream(TextFeatures.tokens(places)).filter(w -> !SUFFIX_WORDS.contains(w))
                .collect(Collectors.toCollection(java.util.HashSet::new));
        if (road.isPresent()) {
            words.addAll(ABBREVIATED_SUFFIXES); // "Mill St": the name was written out as "Mill Street"
        }
        return words;
    }

    static Optional<String> postcode(String text) {
        Matcher m = POSTCODE.matcher(text);
        return m.find() ? Optional.of((m.group(1) + " " + m.group(2)).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    private record RoadMatch(String name, int end) {}

    private static Optional<RoadMatch> road(String text) {
        Matcher named = NAMED_ROAD.matcher(text);
        int from = 0;
        while (named.find(from)) {
            String[] words = named.group(1).trim().split("\\s+");
            int first = words.length;
            while (first > 0 && !NOT_NAMES.contains(words[first - 1].toLowerCase(Locale.ROOT))) {
                first--;
            }
            if (first < words.length) {
                String name = String.join(" ", java.util.Arrays.copyOfRange(words, first, words.length)) + " " + expand(named.group(2));
                return Optional.of(new RoadMatch(titleCase(name), named.end()));
            }
            from = isShortForSaint(named.group(2)) ? named.start(2) : named.end();
        }
        Matcher numbered = NUMBERED_ROAD.matcher(text);
        return numbered.find() ? Optional.of(new RoadMatch(numbered.group(1).toUpperCase(Locale.ROOT), numbered.end()))
                : Optional.empty();
    }

    /** "St Mary's" is a saint, not a street: "st" with no name before it starts the next road's name. */
    private static boolean isShortForSaint(String suffix) {
        return suffix.equalsIgnoreCase("st");
    }

    private static Optional<String> town(String rest) {
        Matcher m = TOWN_AFTER.matcher(rest);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String expand(String suffix) {
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "rd" -> "Road";
            case "st" -> "Street";
            case "ln" -> "Lane";
            case "ave" -> "Avenue";
            case "dr" -> "Drive";
            case "cres" -> "Crescent";
            default -> suffix;
        };
    }

    private static String titleCase(String words) {
        StringBuilder out = new StringBuilder(words.length());
        boolean start = true;
        for (char c : words.toCharArray()) {
            out.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = c == ' ' || c == '-';
        }
        return out.toString();
    }
}
