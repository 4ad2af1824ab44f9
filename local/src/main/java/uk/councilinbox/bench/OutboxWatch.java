package uk.councilinbox.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.councilinbox.local.FakePlatform;

/** What the fake platform has accepted, by channel and recipient ({@link Traffic#outboxKey}); read incrementally. */
final class OutboxWatch {

    private final FakePlatform platform;
    private final Map<String, List<FakePlatform.Sent>> byKey = new HashMap<>();
    private int seen;

    OutboxWatch(FakePlatform platform) {
        this.platform = platform;
    }

    /** Takes in what arrived since the last call; the outbox only ever grows. */
    synchronized void refresh() {
        List<FakePlatform.Sent> all = platform.outbox();
        for (int i = seen; i < all.size(); i++) {
            FakePlatform.Sent sent = all.get(i);
            byKey.computeIfAbsent(Traffic.outboxKey(sent.channel(), sent.recipient()), k -> new ArrayList<>(1)).add(sent);
        }
        seen = all.size();
    }

    synchronized List<FakePlatform.Sent> sent(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    synchronized int total() {
        return seen;
    }

    /** How many of these keys have had at least one message accepted. */
    synchronized int answered(Collection<String> keys) {
        int n = 0;
        for (String key : keys) {
            if (byKey.containsKey(key)) {
                n++;
            }
        }
        return n;
    }

    /** Waits until every key has had a message accepted or the time is up; prints progress every two seconds. */
    boolean awaitAll(Collection<String> keys, long timeoutMillis, String label) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long nextReport = System.currentTimeMillis() + 2000;
        while (true) {
            refresh();
            int answered = answered(keys);
            if (answered == keys.size()) {
                return true;
            }
            if (System.currentTimeMillis() > deadline) {
                System.out.printf("  %s: %d/%d after %.0f s; giving up%n", label, answered, keys.size(), timeoutMillis / 1000.0);
                return false;
            }
            if (System.currentTimeMillis() >= nextReport) {
                System.out.printf("  %s: %d/%d%n", label, answered, keys.size());
                nextReport += 2000;
            }
            Thread.sleep(100);
        }
    }
}
