package uk.councilinbox.cases;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import uk.councilinbox.config.PropertiesResource;

/**
 * The council's services for reports, read from {@code services/services.properties}: the council's own
 * configuration, edited and reviewed like the reply wording (which service codes it uses, their names,
 * and which problems another body deals with).
 */
public final class Services {

    public static final String RESOURCE = "/services/services.properties";
    /** Where a report goes when nothing more specific is known. */
    public static final String POTHOLES = "potholes";
    public static final String OTHER_FAULT = "other_fault";

    private final Map<String, Service> byCode = new LinkedHashMap<>();

    public Services(List<Service> services) {
        for (Service s : services) {
            if (byCode.putIfAbsent(s.code(), s) != null) {
                throw new IllegalArgumentException("service " + s.code() + " listed twice");
            }
        }
        for (String required : List.of(POTHOLES, OTHER_FAULT)) {
            if (!byCode.containsKey(required)) {
                throw new IllegalArgumentException("the services must include " + required);
            }
        }
    }

    public static Services fromClasspath() {
        return parse(PropertiesResource.read(RESOURCE));
    }

    /** {@code services} lists the codes in order; per code {@code <code>.name}, {@code .problem}, ... (see the resource). */
    static Services parse(Properties p) {
        List<Service> services = Arrays.stream(p.getProperty("services", "").split(",")).map(String::strip).filter(c -> !c.isEmpty())
                .map(code -> {
                    Optional<String> body = Optional.ofNullable(p.getProperty(code + ".elsewhere.body")).map(String::strip).filter(b -> !b.isEmpty());
                    return new Service(code, code.equals(POTHOLES) ? Category.POTHOLE_REPORT : Category.FAULT_REPORT, required(p, code, "name"),
                            required(p, code, "problem"), required(p, code, "team"), p.getProperty(code + ".group", "Highways").strip(),
                            p.getProperty(code + ".description", "").strip(), p.getProperty(code + ".keywords", "").strip(),
                            body.map(b -> new Service.Elsewhere(b, required(p, code, "elsewhere.link"))));
                }).toList();
        return new Services(services);
    }

    private static String required(Properties p, String code, String field) {
        String value = p.getProperty(code + "." + field, "").strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(RESOURCE + ": " + code + "." + field + " is required");
        }
        return value;
    }

    public List<Service> all() {
        return List.copyOf(byCode.values());
    }

    public Optional<Service> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    /**
     * The service a report of {@code category} goes to: the one named if it fits the category, else the
     * category's catch-all; none for a message that is not a report.
     */
    public Optional<Service> forReport(Category category, Optional<String> named) {
        if (!category.isReport()) {
            return Optional.empty();
        }
        return named.flatMap(this::find).filter(s -> s.category() == category)
                .or(() -> find(category == Category.POTHOLE_REPORT ? POTHOLES : OTHER_FAULT));
    }
}
