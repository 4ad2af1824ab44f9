package uk.councilinbox.photos.s3;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.photos.PhotoKeys;
import uk.councilinbox.photos.PhotoStore;
import uk.councilinbox.settings.InboxConfig;

/**
 * {@link PhotoStore} on the private photos bucket (template.yaml: encrypted, public access blocked, a lifecycle rule
 * after retention). Links are presigned GETs of one object, so the bucket itself is never opened to anyone.
 */
@ApplicationScoped
public class S3PhotoStore implements PhotoStore {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3PhotoStore(S3Client s3, S3Presigner presigner, InboxConfig config) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = config.photos().bucket();
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType)
                // The browser shows it as what the bytes were checked to be, never as a page.
                .contentDisposition("inline").cacheControl("private, max-age=900"), RequestBody.fromBytes(bytes));
    }

    @Override
    public URI link(String key, Duration valid) {
        try {
            return presigner.presignGetObject(r -> r.signatureDuration(valid).getObjectRequest(g -> g.bucket(bucket).key(key)))
                    .url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("presigned link is not a URI", e);
        }
    }

    @Override
    public void deleteCase(Reference reference) {
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PhotoKeys.casePrefix(reference))).stream().forEach(page -> {
            List<ObjectIdentifier> keys = page.contents().stream().map(o -> ObjectIdentifier.builder().key(o.key()).build()).toList();
            if (!keys.isEmpty()) {
                var result = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
                if (result.hasErrors() && !result.errors().isEmpty()) {
                    // S3 answers 200 even when some keys were not deleted: erasure must not report success then.
                    throw new IllegalStateException(result.errors().size() + " photo(s) of case " + reference.value() + " not deleted: "
                            + result.errors().getFirst().code());
                }
            }
        });
    }
}
