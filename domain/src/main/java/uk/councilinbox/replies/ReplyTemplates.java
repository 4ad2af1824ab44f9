package uk.councilinbox.replies;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import uk.councilinbox.config.PropertiesResource;

/** The wording of every reply, read once from {@code replies/templates.properties} (or another set of texts, such as saved replies). */
public final class ReplyTemplates {

    private final Properties templates;

    public ReplyTemplates() {
        this("/replies/templates.properties");
    }

    /** Texts with placeholders read from the classpath resource {@code resource} (a properties file in UTF-8). */
    public ReplyTemplates(String resource) {
        this.templates = PropertiesResource.read(resource);
    }

    /** Every template's key, sorted. */
    public List<String> keys() {
        return templates.stringPropertyNames().stream().sorted().toList();
    }

    public boolean has(String key) {
        return templates.containsKey(key);
    }

    /** The template named {@code key} with its placeholders filled; unknown keys are a programming error. */
    public String render(String key, Map<String, String> values) {
        String template = templates.getProperty(key);
        if (template == null) {
            throw new IllegalArgumentException("no reply template " + key);
        }
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }
}
