package uk.councilinbox.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The local stack's Python helpers in {@code emulators/src/main/python} (the moto launcher, the lifeline), and the Python that runs them. */
final class PythonScripts {

    private PythonScripts() {}

    /** The Python that has moto: {@code MOTO_PYTHON}, else {@code python3} on the path (as bin/require-moto checks). */
    static String python() {
        String configured = System.getenv("MOTO_PYTHON");
        return configured == null || configured.isBlank() ? "python3" : configured;
    }

    /** One of the scripts; found from wherever the caller runs inside the project. */
    static Path script(String name) {
        Path script = (System.getProperty("local.scripts") != null ? Path.of(System.getProperty("local.scripts")) : Project.root().resolve("emulators/src/main/python")).resolve(name).toAbsolutePath();
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " not found");
        }
        return script;
    }
}
