package uk.councilinbox.photos;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.CaseStore.CaseChangedException;
import uk.councilinbox.messages.GeoPoint;

/**
 * Keeps the council's own copy of a photo a resident sent: fetched from the platform, checked by its bytes, its
 * metadata stripped, stored with a thumbnail, and recorded on the case once. A GPS position in the photo becomes the
 * case's pin when the resident gave no location. A passing fault is thrown (the job is retried); a refusal or an
 * expired link is recorded, so it is not fetched for ever.
 */
public final class PhotoService {

    public static final String PHOTO_KEPT = "photo_kept";
    public static final String PHOTO_REFUSED = "photo_refused";
    public static final String PHOTO_UNAVAILABLE = "photo_unavailable";
    public static final String PIN_FROM_PHOTO = " It gave the case its pin (the photo's GPS position; the message had no location).";
    private static final int ATTEMPTS = 4;

    private final CaseStore cases;
    private final PhotoRecords records;
    private final MediaSources media;
    private final MediaInspector inspector;
    private final MediaLimits limits;
    private final PhotoStore store;
    private final Clock clock;

    public PhotoService(CaseStore cases, PhotoRecords records, MediaSources media, MediaLimits limits, PhotoStore store, Clock clock) {
        this.cases = cases;
        this.records = records;
        this.media = media;
        this.limits = limits;
        this.inspector = new MediaInspector(limits);
        this.store = store;
        this.clock = clock;
    }

    public void keep(PhotoJob job) {
        PhotoRecords.Found found = records.find(job.reference(), job.photoId());
        if (!stillTheResidents(found.c())) {
            // Gone or erased: nothing to keep, and a copy an earlier attempt stored (before a crash) goes too.
            store.deleteCase(job.reference());
            return;
        }
        if (found.photo().isPresent()) {
            return; // already recorded: a redelivered job
        }
        Case read = found.c().get();
        switch (media.fetch(job.channel(), job.attachment().ref(), limits.maxDownloadBytes())) {
            case MediaSource.Fetched.Unavailable u -> notKept(job, CasePhoto.Outcome.UNAVAILABLE, PHOTO_UNAVAILABLE,
                    "not fetched: " + u.reason());
            case MediaSource.Fetched.TooLarge t -> notKept(job, CasePhoto.Outcome.REFUSED, PHOTO_REFUSED,
                    "not kept: " + Refusal.TOO_LARGE.words() + " (" + megabytes(t.bytesAtLeast()) + " or more)");
            case MediaSource.Fetched.Download d -> {
                switch (inspector.inspect(d.bytes())) {
                    case Inspection.Refused r -> notKept(job, CasePhoto.Outcome.REFUSED, PHOTO_REFUSED,
                            "not kept: " + r.refusal().words() + " (" + r.detail() + ")");
                    case Inspection.Accepted a -> kept(job, a, read);
                }
            }
        }
    }

    /** @param read the case as read before the fetch: written over only if the photo pins it, so re-read only on a conflict */
    private void kept(PhotoJob job, Inspection.Accepted a, Case read) {
        String key = PhotoKeys.original(job.reference(), job.photoId(), a.type().extension());
        store.put(key, a.bytes(), a.type().contentType());
        Optional<String> thumbnailKey = a.thumbnail().map(bytes -> {
            String thumbnail = PhotoKeys.thumbnail(job.reference(), job.photoId());
            store.put(thumbnail, bytes, MediaType.JPEG.contentType());
            return thumbnail;
        });
        String what = (a.type().isImage() ? "photo " + a.width() + "x" + a.height() : "video") + ", " + a.type().contentType() + ", "
                + megabytes(a.bytes().length) + (a.type().isImage() ? ", metadata removed" : "");
        for (int attempt = 1; ; attempt++) {
            Instant now = clock.instant();
            Optional<Case> found = attempt == 1 ? Optional.of(read) : cases.find(job.reference());
            if (!stillTheResidents(found)) {
                // Erased (or gone) while the photo was fetched: the copy just stored goes too.
                store.deleteCase(job.reference());
                return;
            }
            Case current = found.get();
            Optional<Case> pinned = a.gps().filter(gps -> !current.hasLocation()).map(gps -> pinnedBy(current, gps, now));
            CasePhoto photo = CasePhoto.kept(job.reference(), job.photoId(), job.messageKey(), a.type().contentType(), key, thumbnailKey,
                    what, now);
            String detail = "kept: " + what + "." + (pinned.isPresent() ? PIN_FROM_PHOTO : "");
            try {
                records.record(photo, new CaseEvent(now, CaseEvent.SYSTEM, PHOTO_KEPT, detail), pinned);
                return;
            } catch (CaseChangedException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static Case pinnedBy(Case c, GeoPoint gps, Instant now) {
        return c.withLocation(c.place(), Optional.of(gps)).changed(now);
    }

    private void notKept(PhotoJob job, CasePhoto.Outcome outcome, String eventType, String detail) {
        Instant now = clock.instant();
        try {
            records.record(CasePhoto.notKept(job.reference(), job.photoId(), job.messageKey(), outcome, detail, now),
                    new CaseEvent(now, CaseEvent.SYSTEM, eventType, detail), Optional.empty());
        } catch (CaseChangedException erased) {
            // Erased meanwhile: there is nothing of theirs to record.
        }
    }

    private static boolean stillTheResidents(Optional<Case> c) {
        return c.isPresent() && !c.get().residentErased();
    }

    static String megabytes(long bytes) {
        return bytes < 1_000_000 ? Math.max(1, Math.round(bytes / 1000.0)) + " KB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
