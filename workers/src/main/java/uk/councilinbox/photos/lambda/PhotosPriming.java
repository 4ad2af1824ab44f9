package uk.councilinbox.photos.lambda;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import jakarta.enterprise.inject.Instance;
import uk.councilinbox.photos.MediaInspector;
import uk.councilinbox.photos.MediaLimits;
import uk.councilinbox.photos.PhotoService;
import uk.councilinbox.startup.PrimingStep;

/**
 * Builds the photo service (its S3 and DynamoDB clients, the platform fetchers) and runs the image checks once on a
 * small image, so the first photo does not pay for loading ImageIO's JPEG codec.
 */
@ApplicationScoped
public class PhotosPriming implements PrimingStep {

    private final Instance<PhotoService> photos;

    public PhotosPriming(Instance<PhotoService> photos) {
        this.photos = photos;
    }

    @Override
    public String name() {
        return "photos";
    }

    @Override
    public boolean appliesTo(String handler) {
        return handler.equals("photos");
    }

    @Override
    public void run() throws Exception {
        photos.get();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpg", jpeg);
        new MediaInspector(MediaLimits.defaults()).inspect(jpeg.toByteArray());
    }
}
