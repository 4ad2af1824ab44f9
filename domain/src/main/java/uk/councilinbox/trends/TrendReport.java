package uk.councilinbox.trends;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Contact trends over a period: daily counts, spikes, response times and the channel-shift saving. */
public record TrendReport(
        Instant generatedAt,
        LocalDate from,
        LocalDate to,
        List<Day> days,
        List<Spike> spikes,
        ResponseTimes responseTimes,
        List<AnswerTimes> answerTimes,
        SelfServe selfServe,
        ChannelShift channelShift) {

    public record Day(LocalDate date, int total, Map<String, Integer> byCategory, Map<String, Integer> byChannel,
            Map<String, Integer> byArea) {}

    /**
     * Reports of one category (in one area, or everywhere when {@code area} is "all") this week against
     * the weekly average of the weeks before.
     *
     * @param change the relative rise: 1.0 is double the baseline; null when there was no baseline at all
     */
    public record Spike(String category, String area, int thisWeek, double baselineWeekly, Double change) {}

    /**
     * Medians over the period's cases that have them; null when none do. The first response is the automatic
     * acknowledgement; the first human answer is what the council measures (DOMAIN.md).
     */
    public record ResponseTimes(Double firstResponseMedianMinutes, Double resolutionMedianHours, int responded, int resolved,
            Double firstHumanAnswerMedianMinutes, int humanAnswered) {}

    /**
     * Time to the first human answer and to resolution for one channel and category (medians over the cases that
     * have them, null when none do), with how many cases a self-serve answer served.
     */
    public record AnswerTimes(String channel, String category, int cases, int humanAnswered, Double firstHumanAnswerMedianMinutes,
            int resolved, Double resolutionMedianHours, int answeredBySelfServe) {}

    /** Queries in the period and how many a self-serve answer went to automatically. */
    public record SelfServe(int queries, int answeredAutomatically) {}

    /**
     * Contacts handled on social media instead of by phone, and what that saved, in pounds. Only contacts really
     * handled count ({@link CaseFacts#handled()}: answered, resolved or taken forward), of {@code received}. {@code grossSaving} at
     * the configured costs per contact, less {@code platformCharges} (what X and WhatsApp billed for those cases'
     * messages and replies, {@link PlatformCharge}, counted from each case's messages and sent replies), is
     * {@code estimatedSaving}.
     */
    public record ChannelShift(int contacts, int received, double phoneCostPerContact, double socialCostPerContact, double grossSaving,
            double platformCharges, double estimatedSaving) {}
}
