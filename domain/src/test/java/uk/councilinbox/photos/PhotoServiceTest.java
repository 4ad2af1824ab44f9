package uk.councilinbox.photos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.replies.ProgressUpdates;
import uk.councilinbox.testing.Cases;
import uk.councilinbox.testing.InMemoryCaseStore;
import uk.councilinbox.testing.InMemoryPhotoStore;
import uk.councilinbox.testing.Photos;

/** Keeping a resident's photo: what is stored, what the case records, and what is fetched again (nothing). */
class PhotoServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-03T09:00:00Z");

    private final InMemoryCaseStore cases = new InMemoryCaseStore();
    private final InMemoryPhotoStore store = new InMemoryPhotoStore();
    private final List<String> fetched = new ArrayList<>();
    private Supplier<MediaSource.Fetched> platform = () -> new MediaSource.Fetched.Download(Photos.jpeg(640, 480), Optional.empty());
    private final PhotoService photos = new PhotoService(cases, cases, new MediaSources(List.of(new MediaSource() {
        @Override
        public Set<Channel> channels() {
            return EnumSet.of(Channel.MESSENGER);
        }

        @Override
        public Fetched fetch(String ref, long maxBytes) {
            fetched.add(ref);
            return platform.get();
        }
    })), MediaLimits.defaults(), store, Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void aPhotoIsStoredWithItsThumbnailAndRecordedOnceHoweverOftenItIsQueued() {
        Case c = cases.add(Cases.pothole("7001", CaseStatus.RECEIVED, "Mill Lane", T0));
        PhotoJob job = job(c, 0);

        photos.keep(job);
        photos.keep(job);

        assertEquals(List.of(job.attachment().ref()), fetched, "fetched once");
        assertEquals(Set.of(PhotoKeys.original(c.reference(), job.photoId(), "jpg"), PhotoKeys.thumbnail(c.reference(), job.photoId())),
                store.objects().keySet());
        CasePhoto photo = cases.photos().getFirst();
        assertEquals(CasePhoto.Outcome.KEPT, photo.outcome());
        assertEquals(Optional.of("image/jpeg"), photo.contentType());
        assertTrue(photo.detail().contains("640x480"), photo.detail());
        assertEquals(1, cases.events(c.reference()).stream().filter(e -> e.type().equals(PhotoService.PHOTO_KEPT)).count());
    }

    @Test
    void aPhotosGpsPinsACaseWithNoLocationAndTheHistorySaysSo() {
        Case c = cases.add(Cases.openedBy(uk.councilinbox.testing.Messages.photo("7002", "https://scontent.test/1.jpg", T0)));
        platform = () -> new MediaSource.Fetched.Download(Photos.jpegWithGps(800, 600, 52.80667, -2.11625), Optional.of("image/jpeg"));

        photos.keep(job(c, 0));

        Case pinned = cases.find(c.reference()).orElseThrow();
        assertEquals(52.80667, pinned.pin().orElseThrow().latitude(), 1e-6);
        assertEquals(-2.11625, pinned.pin().orElseThrow().longitude(), 1e-6);
        assertEquals(c.version() + 1, pinned.version());
        assertTrue(cases.events(c.reference()).getLast().detail().contains("pin"), cases.events(c.reference()).toString());
        byte[] kept = store.objects().values().stream().filter(s -> s.bytes().length > 5_000).findFirst().orElseThrow().bytes();
        assertTrue(new MediaInspector(MediaLimits.defaults()).inspect(kept) instanceof Inspection.Accepted a && a.gps().isEmpty(),
                "the stored copy has no GPS left in it");
    }

    @Test
    void aPhotosGpsLeavesAlonePlaceTheResidentGave() {
        Case c = cases.add(Cases.pothole("7003", CaseStatus.RECEIVED, "Mill Lane", T0));
        platform = () -> new MediaSource.Fetched.Download(Photos.jpegWithGps(800, 600, 52.8, -2.1), Optional.empty());

        photos.keep(job(c, 0));

        assertEquals(Optional.empty(), cases.find(c.reference()).orElseThrow().pin());
        assertEquals(c.version(), cases.find(c.reference()).orElseThrow().version());
    }

    @Test
    void aFileThatIsNoPhotoIsRecordedAsRefusedWithWhatItLooksLikeAndNothingIsStored() {
        Case c = cases.add(Cases.pothole("7004", CaseStatus.RECEIVED, "Mill Lane", T0));
        platform = () -> new MediaSource.Fetched.Download(Photos.pdf(), Optional.of("image/jpeg"));

        photos.keep(job(c, 0));

        CasePhoto photo = cases.photos().getFirst();
        assertEquals(CasePhoto.Outcome.REFUSED, photo.outcome());
        assertTrue(photo.detail().contains("PDF"), photo.detail());
        assertEquals(0, store.objects().size());
    }

    @Test
    void anExpiredLinkAndAnOversizedFileAreRecordedOnceAndNotFetchedAgain() {
        Case c = cases.add(Cases.pothole("7005", CaseStatus.RECEIVED, "Mill Lane", T0));
        platform = () -> new MediaSource.Fetched.Unavailable("the platform answered 403");
        photos.keep(job(c, 0));
        photos.keep(job(c, 0));
        platform = () -> new MediaSource.Fetched.TooLarge(30_000_000);
        photos.keep(job(c, 1));
        photos.keep(job(c, 1));

        assertEquals(2, fetched.size());
        assertEquals(List.of(CasePhoto.Outcome.UNAVAILABLE, CasePhoto.Outcome.REFUSED), cases.photos().stream().map(CasePhoto::outcome).toList());
        assertTrue(cases.photos().get(1).detail().contains("30.0 MB"), cases.photos().get(1).detail());
        assertEquals(0, store.objects().size());
    }

    @Test
    void aPassingFaultIsThrownSoTheJobIsRetriedAndNothingIsRecorded() {
        Case c = cases.add(Cases.pothole("7006", CaseStatus.RECEIVED, "Mill Lane", T0));
        platform = () -> {
            throw new IllegalStateException("the platform answered 503");
        };

        assertThrows(IllegalStateException.class, () -> photos.keep(job(c, 0)));
        assertEquals(List.of(), cases.photos());
    }

    @Test
    void nothingIsFetchedForAnErasedResidentOrAChannelWithoutAFetcher() {
        Case erased = cases.add(Cases.pothole(Case.ERASED_RESIDENT, CaseStatus.RECEIVED, "Mill Lane", T0));
        photos.keep(job(erased, 0));
        Case onX = cases.add(Cases.pothole("7007", CaseStatus.RECEIVED, "Mill Lane", T0));
        photos.keep(new PhotoJob(onX.reference(), Channel.X, "X:1", 0, new Attachment(Attachment.Kind.IMAGE, "https://pbs.twimg.com/1.jpg")));

        assertEquals(List.of(), fetched);
        assertEquals(CasePhoto.Outcome.UNAVAILABLE, cases.photos().getFirst().outcome(), "recorded, not fetched for ever");
        assertFalse(cases.photos().stream().anyMatch(p -> p.reference().equals(erased.reference())));
    }

    @Test
    void aPhotoFetchedWhileTheResidentIsErasedIsNeitherKeptNorRecorded() {
        Case c = cases.add(Cases.pothole("7010", CaseStatus.RECEIVED, "Mill Lane", T0));
        cases.beforeNextChanges(1, () -> cases.eraseResident(c.residentKey(),
                new uk.councilinbox.cases.CaseEvent(T0, "sup", "personal_data_erased", "asked")));

        photos.keep(job(c, 0));

        assertEquals(List.of(), cases.photos());
        assertEquals(0, store.objects().size(), "the copy stored before the erasure was seen is deleted");
    }

    @Test
    void erasureDeletesTheStoredCopies() {
        Case c = cases.add(Cases.pothole("7008", CaseStatus.RECEIVED, "Mill Lane", T0));
        photos.keep(job(c, 0));
        Reference other = cases.add(Cases.pothole("7009", CaseStatus.RECEIVED, "Mill Lane", T0)).reference();
        store.put(PhotoKeys.original(other, "x", "jpg"), new byte[] {1}, "image/jpeg");

        new uk.councilinbox.staff.CaseWork(cases, new ProgressUpdates(new uk.councilinbox.replies.ReplyTemplates()),
                new uk.councilinbox.replies.PendingReplies(cases, reply -> {}), store, java.time.Duration.ofDays(730),
                Clock.fixed(T0, ZoneOffset.UTC))
                .eraseResident(new uk.councilinbox.staff.StaffUser("sup", Set.of(uk.councilinbox.staff.StaffUser.Role.SUPERVISOR)),
                        "MESSENGER:7008", "asked");

        assertEquals(Set.of(PhotoKeys.original(other, "x", "jpg")), store.objects().keySet(), "only the other resident's photo is left");
    }

    private static PhotoJob job(Case c, int index) {
        return new PhotoJob(c.reference(), Channel.MESSENGER, "MESSENGER:m_" + c.reference().value(), index,
                new Attachment(Attachment.Kind.IMAGE, "https://scontent.test/" + c.reference().value() + "/" + index + ".jpg"));
    }
}
