package uk.councilinbox.photos;

import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.cases.Reference;

/** The case's record of each photo: what was kept, or why not. */
public interface PhotoRecords {

    /** A photo's case and the photo's record, if it has one. */
    record Found(Optional<Case> c, Optional<CasePhoto> photo) {}

    /** The case and the photo's record, read together. */
    Found find(Reference reference, String photoId);

    /**
     * Records the photo with its history event, and the case's new state when the photo gave it its pin, all at once.
     *
     * @return false when this photo was recorded before (a redelivered job): nothing is written
     * @throws uk.councilinbox.cases.CaseStore.CaseChangedException when {@code pinned} is one version behind, or the case
     *     is gone or its resident's data was erased meanwhile
     */
    boolean record(CasePhoto photo, CaseEvent event, Optional<Case> pinned);
}
