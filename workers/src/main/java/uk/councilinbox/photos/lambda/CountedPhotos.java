package uk.councilinbox.photos.lambda;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseEvent;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.photos.PhotoRecords;

/** Counts what became of each photo where it is recorded on its case: once per photo, not per redelivered job. */
@Decorator
@Priority(10)
abstract class CountedPhotos implements PhotoRecords {

    @Inject
    @Delegate
    PhotoRecords records;

    @Override
    public boolean record(CasePhoto photo, CaseEvent event, Optional<Case> pinned) {
        boolean recorded = records.record(photo, event, pinned);
        if (recorded) {
            PhotosFunction.METRICS.count(PhotosFunction.metricOf(photo.outcome()));
        }
        return recorded;
    }
}
