package uk.councilinbox.photos;

import java.net.URI;
import java.time.Duration;
import uk.councilinbox.cases.Reference;

/** The council's own copies of residents' photos: private, encrypted, deleted with the case. Keys are from {@link PhotoKeys}. */
public interface PhotoStore {

    void put(String key, byte[] bytes, String contentType);

    /** A link that lets its holder read one object for {@code valid}, and nothing else. */
    URI link(String key, Duration valid);

    /** Deletes every copy kept for the case (erasure); nothing to delete is not an error. */
    void deleteCase(Reference reference);

    /** Where no photo is ever kept (tests of other rules): nothing to link to or delete. */
    PhotoStore NONE_KEPT = new PhotoStore() {
        @Override
        public void put(String key, byte[] bytes, String contentType) {
            throw new UnsupportedOperationException("this store keeps no photos");
        }

        @Override
        public URI link(String key, Duration valid) {
            throw new UnsupportedOperationException("this store keeps no photos");
        }

        @Override
        public void deleteCase(Reference reference) {}
    };
}
