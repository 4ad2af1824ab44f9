package uk.councilinbox.cases;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer reference number such as {@code K7PD-M4QX}: seven random characters and a check character,
 * drawn from an alphabet with no 0/O, 1/I/L or U/V pairs to confuse on the phone. Random, so not
 * guessable in sequence; the check character catches most mistyped references.
 */
public record Reference(String value) {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
    private static final Pattern IN_TEXT = Pattern.compile("(?<![A-Za-z0-9])([A-Za-z0-9]{4})[- ]?([A-Za-z0-9]{4})(?![A-Za-z0-9])");
    private static final Random RANDOM = new SecureRandom();

    public Reference {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a reference number");
        }
    }

    public static Reference random() {
        return random(RANDOM);
    }

    static Reference random(Random random) {
        StringBuilder body = new StringBuilder(7);
        for (int i = 0; i < 7; i++) {
            body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String chars = body.toString() + checkChar(body);
        return new Reference(chars.substring(0, 4) + "-" + chars.substring(4));
    }

    /** The first well-formed reference quoted in a message, however it was spaced or cased. */
    public static Optional<Reference> findIn(String text) {
        Matcher matcher = IN_TEXT.matcher(text);
        int from = 0;
        while (matcher.find(from)) {
            String candidate = (matcher.group(1) + "-" + matcher.group(2)).toUpperCase(java.util.Locale.ROOT);
            if (isValid(candidate)) {
                return Optional.of(new Reference(candidate));
            }
            // "case K7PD-M4QX": the second half of a failed pair may start the real reference.
            from = matcher.start(2);
        }
        return Optional.empty();
    }

    /** The reference this exact text names (as typed by staff or in a URL), if it is a valid one. */
    public static Optional<Reference> parse(String text) {
        String value = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
        return isValid(value) ? Optional.of(new Reference(value)) : Optional.empty();
    }

    static boolean isValid(String value) {
        if (value == null || value.length() != 9 || value.charAt(4) != '-') {
            return false;
        }
        String chars = value.substring(0, 4) + value.substring(5);
        for (int i = 0; i < chars.length(); i++) {
            if (ALPHABET.indexOf(chars.charAt(i)) < 0) {
                return false;
            }
        }
        return chars.charAt(7) == checkChar(chars.substring(0, 7));
    }

    /** A weighted sum modulo the (prime) alphabet size: catches any single wrong or swapped character. */
    private static char checkChar(CharSequence body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum += (i + 1) * ALPHABET.indexOf(body.charAt(i));
        }
        return ALPHABET.charAt(sum % ALPHABET.length());
    }

    @Override
    public String toString() {
        return value;
    }
}
