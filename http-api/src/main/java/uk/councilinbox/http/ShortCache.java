package uk.councilinbox.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers kept in memory for a short while, so a public endpoint asked the same thing again and again reads the
 * table once per {@code ttl} per function instance. Bounded: past {@code maxEntries} the expired answers go, and if
 * that is not enough, all of them. An answer that fails (a bad parameter) is not kept. Small enough not to need
 * a cache library (quarkus-cache is not served for this Quarkus release).
 */
public final class ShortCache<K, V> {

    private record Kept<V>(V value, Instant until) {}

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();

    public ShortCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The answer kept for {@code key} while it is fresh, else {@code compute}'s, kept from now. */
    public V get(K key, Supplier<V> compute) {
        Instant now = clock.instant();
        Kept<V> hit = kept.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.value();
        }
        V value = compute.get();
        if (kept.size() >= maxEntries) {
            kept.values().removeIf(k -> !now.isBefore(k.until()));
            if (kept.size() >= maxEntries) {
                kept.clear();
            }
        }
        kept.put(key, new Kept<>(value, now.plus(ttl)));
        return value;
    }
}
