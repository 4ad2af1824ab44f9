package uk.councilinbox.trends;

import java.util.Optional;

/** Where the daily trend report is kept for the staff API. */
public interface TrendReports {

    Optional<TrendReport> latest(int days);

    void save(int days, TrendReport report);
}
