package uk.councilinbox.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.councilinbox.local.Provisioning;

/**
 * What {@code application.properties} reads from the environment: every {@code ${NAME}} or
 * {@code ${NAME:default}} with an upper-case name, and the property keys (which MicroProfile Config also
 * takes from the environment in upper-snake form, e.g. QUARKUS_LAMBDA_HANDLER).
 */
record AppConfig(Map<String, String> properties, Map<String, EnvRead> envReads) {

    /**
     * One environment variable read by a property; {@code defaultValue} is null when there is none;
     * {@code required}: the application cannot start without a value for the property.
     */
    record EnvRead(String name, String defaultValue, String property, boolean required) {

        /** What production needs of it. */
        Need need() {
            if (defaultValue == null || defaultValue.isBlank()) {
                // No value at all. If the property is mandatory, start-up fails in every function
                // (SmallRye Config treats an empty value as missing: SRCFG00040).
                return required ? Need.EVERY_FUNCTION : Need.LOCAL_DEFAULT;
            }
            String value = defaultValue.toLowerCase(Locale.ROOT);
            if (value.startsWith("local") || value.contains("localhost") || value.contains("127.0.0.1")
                    || Set.of(Provisioning.TABLE, Provisioning.INBOUND, Provisioning.OUTBOUND).contains(defaultValue)) {
                // A value that is only right on a developer's machine: a local secret or a local resource name.
                return Need.LOCAL_DEFAULT;
            }
            return Need.SAFE_DEFAULT;
        }
    }

    enum Need { EVERY_FUNCTION, LOCAL_DEFAULT, SAFE_DEFAULT }

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern PROPERTY_REFERENCE = Pattern.compile("\\$\\{([a-z][a-z0-9.\\-\"]*)(?::[^}]*)?}");

    /** The settings of every function: the shared file and each deployable's own, later files over earlier. */
    static AppConfig load(List<Path> files, ConfigMappings mappings) throws IOException {
        Properties raw = new Properties();
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file)) {
                raw.load(in);
            }
        }
        Map<String, String> properties = new TreeMap<>();
        raw.forEach((key, value) -> {
            String name = key.toString();
            // Profile-specific keys for dev and test do not apply in AWS.
            if (!name.startsWith("%dev.") && !name.startsWith("%test.")) {
                properties.put(name.startsWith("%prod.") ? name.substring(6) : name, value.toString());
            }
        });
        Map<String, EnvRead> reads = new LinkedHashMap<>();
        properties.forEach((property, value) -> {
            Matcher m = ENV_REFERENCE.matcher(value);
            while (m.find()) {
                reads.putIfAbsent(m.group(1), new EnvRead(m.group(1), m.group(2), property, mappings.required(property)));
            }
        });
        return new AppConfig(properties, reads);
    }

    /** True when setting this environment variable changes a setting of the application. */
    boolean reads(String envName) {
        return envReads.containsKey(envName)
                || properties.keySet().stream().anyMatch(key -> envForm(key).equals(envName));
    }

    static String envForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Environment variables a property's value depends on, following references to other properties. */
    Set<String> envBehind(String property) {
        Set<String> names = new LinkedHashSet<>();
        collectEnv(properties.getOrDefault(property, ""), names, 0);
        return names;
    }

    private void collectEnv(String value, Set<String> names, int depth) {
        if (depth > 10) {
            return;
        }
        Matcher env = ENV_REFERENCE.matcher(value);
        while (env.find()) {
            names.add(env.group(1));
        }
        Matcher prop = PROPERTY_REFERENCE.matcher(value);
        while (prop.find()) {
            collectEnv(properties.getOrDefault(prop.group(1), ""), names, depth + 1);
        }
    }

    /**
     * Platform send APIs configured here ({@code inbox.<platform>.graph-url} or {@code .api-url}), with
     * their worst-case call time from {@code inbox.platform-api.*} (Quarkus REST client defaults, 15 s
     * connect and 30 s read, when not set).
     */
    Map<String, RestClient> restClients() {
        Map<String, RestClient> clients = new TreeMap<>();
        Pattern url = Pattern.compile("inbox\\.([^.]+)\\.(graph-url|api-url)");
        long connect = Long.parseLong(properties.getOrDefault("inbox.platform-api.connect-timeout-ms", "15000"));
        long read = Long.parseLong(properties.getOrDefault("inbox.platform-api.read-timeout-ms", "30000"));
        for (String key : properties.keySet()) {
            Matcher m = url.matcher(key);
            if (m.matches()) {
                clients.put(m.group(1), new RestClient(m.group(1), envBehind(key), connect + read));
            }
        }
        return clients;
    }

    record RestClient(String name, Set<String> urlEnv, long worstCaseMillis) {}
}
