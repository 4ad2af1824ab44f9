package uk.councilinbox.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS calls a function's SDK made, as {@code aws.CallTimings} logs them at DEBUG ({@link #CONFIG} turns that on): read
 * from the function's log from a mark, so the bench can tell a function's queue send apart from the rest of its time.
 */
final class SdkCallLog {

    /** The functions' setting that makes {@code CallTimings} log each call. */
    static final Map<String, String> CONFIG = Map.of("quarkus.log.category.\"" + uk.councilinbox.aws.CallTimings.CATEGORY + "\".level", "DEBUG");
    private static final Pattern CALL = Pattern.compile("AWS call (\\w+)\\.(\\w+) (\\d+) us");

    private final Path log;

    SdkCallLog(Path log) {
        this.log = log;
    }

    /** Where the log ends now. */
    long mark() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many calls of each {@code service.operation} were logged after {@code mark}. */
    Map<String, Integer> counts(long mark) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        Matcher m = CALL.matcher(rest(mark));
        while (m.find()) {
            counts.merge(m.group(1) + "." + m.group(2), 1, Integer::sum);
        }
        return counts;
    }

    private String rest(long mark) {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(Math.min(mark, file.length()));
            byte[] rest = new byte[(int) (file.length() - file.getFilePointer())];
            file.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The durations, in nanoseconds, of the {@code service.operation} calls logged after {@code mark}. */
    long[] since(long mark, String service, String operation) {
        Matcher m = CALL.matcher(rest(mark));
        java.util.List<Long> found = new java.util.ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(service) && m.group(2).equals(operation)) {
                found.add(Long.parseLong(m.group(3)) * 1000);
            }
        }
        return found.stream().mapToLong(Long::longValue).toArray();
    }
}
