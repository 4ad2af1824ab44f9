package uk.councilinbox.photos.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import uk.councilinbox.aws.lambda.BatchMetrics;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.photos.PhotoJob;
import uk.councilinbox.photos.PhotoService;

/** Lambda entry point for the photos queue: each record is one photo or video to fetch from its platform and keep on its case. */
@Named("photos")
public class PhotosFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** Photos kept, refused (too large, not a photo) and unavailable (the platform's link expired or refused), per channel. */
    public static final String KEPT = "PhotosKept";
    public static final String REFUSED = "PhotosRefused";
    public static final String UNAVAILABLE = "PhotosUnavailable";

    /** One per function instance: the handler and the photo records' decorator count into the same batch. */
    static final BatchMetrics METRICS = new BatchMetrics("photos");

    private final PhotoService photos;
    private final ObjectMapper json;

    public PhotosFunction(PhotoService photos, ObjectMapper json) {
        this.photos = photos;
        this.json = json;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return METRICS.process(event, record -> {
            PhotoJob job = json.readValue(record.getBody(), PhotoJob.class);
            METRICS.record(job.channel(), job.messageKey());
            photos.keep(job);
        });
    }

    static String metricOf(CasePhoto.Outcome outcome) {
        return switch (outcome) {
            case KEPT -> KEPT;
            case REFUSED -> REFUSED;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
