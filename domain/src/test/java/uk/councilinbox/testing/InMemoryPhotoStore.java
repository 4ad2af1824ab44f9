package uk.councilinbox.testing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.photos.PhotoKeys;
import uk.councilinbox.photos.PhotoStore;

/** A {@link PhotoStore} in memory, for domain tests: what was put, under which key and type. */
public final class InMemoryPhotoStore implements PhotoStore {

    public record Stored(byte[] bytes, String contentType) {}

    private final Map<String, Stored> objects = new TreeMap<>();

    @Override
    public synchronized void put(String key, byte[] bytes, String contentType) {
        objects.put(key, new Stored(bytes.clone(), contentType));
    }

    @Override
    public URI link(String key, Duration valid) {
        return URI.create("https://photos.test/" + key + "?valid=" + valid.toSeconds());
    }

    @Override
    public synchronized void deleteCase(Reference reference) {
        objects.keySet().removeIf(k -> k.startsWith(PhotoKeys.casePrefix(reference)));
    }

    public synchronized Map<String, Stored> objects() {
        return Map.copyOf(objects);
    }
}
