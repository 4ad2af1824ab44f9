package uk.councilinbox.photos;

import uk.councilinbox.cases.Reference;

/** Where a case's photos are stored: all under the case's prefix, so erasure deletes one prefix. */
public final class PhotoKeys {

    private PhotoKeys() {}

    public static String casePrefix(Reference reference) {
        return "cases/" + reference.value() + "/";
    }

    public static String original(Reference reference, String photoId, String extension) {
        return casePrefix(reference) + photoId + "." + extension;
    }

    public static String thumbnail(Reference reference, String photoId) {
        return casePrefix(reference) + photoId + "-thumbnail.jpg";
    }
}
