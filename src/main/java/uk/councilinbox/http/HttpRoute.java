package uk.councilinbox.http;

/** One family of endpoints served by the HTTP function. */
public interface HttpRoute {

    /** True when this route owns the path (whatever the method). */
    boolean owns(String path);

    HttpResponse handle(HttpRequest request);
}
