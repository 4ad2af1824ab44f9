package uk.councilinbox.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** A properties file in UTF-8 on the classpath: how the council's texts and lists are shipped in the artifact. */
public final class PropertiesResource {

    private PropertiesResource() {}

    public static Properties read(String resource) {
        try (InputStream in = PropertiesResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException(resource + " unreadable", e);
        }
    }
}
