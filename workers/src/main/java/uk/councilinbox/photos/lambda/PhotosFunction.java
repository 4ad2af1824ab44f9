package uk.councilinbox.photos.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import uk.councilinbox.aws.lambda.SqsBatch;
import uk.councilinbox.photos.PhotoJob;
import uk.councilinbox.photos.PhotoService;

/** Lambda entry point for the photos queue: each record is one photo or video to fetch from its platform and keep on its case. */
@Named("photos")
public class PhotosFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final PhotoService photos;
    private final ObjectMapper json;

    public PhotosFunction(PhotoService photos, ObjectMapper json) {
        this.photos = photos;
        this.json = json;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, record -> photos.keep(json.readValue(record.getBody(), PhotoJob.class)));
    }
}
