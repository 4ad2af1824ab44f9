package uk.councilinbox.answers;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import uk.councilinbox.config.PropertiesResource;

/** The council's answers, read from {@code replies/answers.properties} beside the reply templates. */
public final class AnswerBook {

    private static final String RESOURCE = "/replies/answers.properties";

    private AnswerBook() {}

    /** Every answer, by id. */
    public static List<Answer> fromClasspath() {
        return parse(PropertiesResource.read(RESOURCE));
    }

    static List<Answer> parse(Properties entries) {
        TreeSet<String> ids = new TreeSet<>();
        for (String key : entries.stringPropertyNames()) {
            ids.add(key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.')));
        }
        return ids.stream().map(id -> new Answer(id,
                Arrays.stream(entries.getProperty(id + ".questions", "").split("\\|")).map(String::strip).filter(q -> !q.isEmpty()).toList(),
                entries.getProperty(id + ".answer", ""), entries.getProperty(id + ".link", ""))).toList();
    }
}
