package uk.councilinbox.trends;

import java.util.List;
import java.util.Map;

/** The daily figures as CSV: one row per day, a column per category and per channel. */
public final class TrendCsv {

    private TrendCsv() {}

    public static String of(TrendReport report) {
        StringBuilder csv = new StringBuilder("date,total");
        List<TrendReport.Day> days = report.days();
        List<String> categories = days.isEmpty() ? List.of() : List.copyOf(days.getFirst().byCategory().keySet());
        List<String> channels = days.isEmpty() ? List.of() : List.copyOf(days.getFirst().byChannel().keySet());
        categories.forEach(c -> csv.append(',').append(c));
        channels.forEach(c -> csv.append(',').append(c));
        csv.append("\r\n");
        for (TrendReport.Day day : days) {
            csv.append(day.date()).append(',').append(day.total());
            append(csv, categories, day.byCategory());
            append(csv, channels, day.byChannel());
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static void append(StringBuilder csv, List<String> columns, Map<String, Integer> values) {
        columns.forEach(c -> csv.append(',').append(values.getOrDefault(c, 0)));
    }
}
