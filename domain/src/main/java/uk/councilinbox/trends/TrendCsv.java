package uk.councilinbox.trends;

import java.util.List;
import java.util.Map;

/** The trends report as CSV: the daily figures (a row per day, a column per category and per channel), and the answer times. */
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

    /** Time to the first human answer and to resolution, one row per channel and category. */
    public static String answerTimes(TrendReport report) {
        StringBuilder csv = new StringBuilder("channel,category,cases,human_answered,first_human_answer_median_minutes,resolved,"
                + "resolution_median_hours,answered_by_self_serve\r\n");
        for (TrendReport.AnswerTimes row : report.answerTimes()) {
            csv.append(row.channel()).append(',').append(row.category()).append(',').append(row.cases()).append(',')
                    .append(row.humanAnswered()).append(',').append(blankIfNull(row.firstHumanAnswerMedianMinutes())).append(',')
                    .append(row.resolved()).append(',').append(blankIfNull(row.resolutionMedianHours())).append(',')
                    .append(row.answeredBySelfServe()).append("\r\n");
        }
        return csv.toString();
    }

    private static String blankIfNull(Double value) {
        return value == null ? "" : value.toString();
    }

    private static void append(StringBuilder csv, List<String> columns, Map<String, Integer> values) {
        columns.forEach(c -> csv.append(',').append(values.getOrDefault(c, 0)));
    }
}
