package uk.councilinbox.local;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are in the multi-module build, wherever a tool or test runs from (bin/ scripts run in
 * the top folder, Maven runs each module's tests in the module's folder).
 */
public final class Project {

    /** The deployable modules: the webhook function, the HTTP function (staff API, Open311, console), and every other function. */
    public static final String WEBHOOKS = "webhooks";
    public static final String HTTP_API = "http-api";
    public static final String WORKERS = "workers";
    /** Local names of the two functions API Gateway invokes (template.yaml's WebhookFunction and StaffApiFunction). */
    public static final String WEBHOOK_FUNCTION = "webhooks";
    public static final String HTTP_FUNCTION = "http";

    private Project() {}

    /** The top folder: the nearest folder up from here that holds template.yaml. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the project: no template.yaml above " + Path.of("").toAbsolutePath());
    }

    /** The module whose function.zip holds this Lambda handler. */
    public static String moduleOf(String handler) {
        return switch (handler) {
            case WEBHOOK_FUNCTION -> WEBHOOKS;
            case HTTP_FUNCTION -> HTTP_API;
            default -> WORKERS;
        };
    }

    /** A deployable module's {@code target/function.zip}. */
    public static Path functionZip(String module) {
        return functionZip(root(), module);
    }

    /** A deployable module's {@code target/function.zip} in the project at {@code root}. */
    public static Path functionZip(Path root, String module) {
        return root.resolve(module).resolve("target").resolve("function.zip");
    }

    /** Outputs of local runs (logs, unpacked functions, screenshots): the top folder's {@code target/}. */
    public static Path target(String first, String... more) {
        return root().resolve("target").resolve(Path.of(first, more));
    }
}
