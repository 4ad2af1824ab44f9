package uk.councilinbox.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A deployable's {@code target/function.zip}, unpacked as Lambda unpacks it into /var/task, so local
 * runs and pipeline tests execute exactly the artifact that is deployed.
 */
public record FunctionPackage(Path dir, List<String> addOpens) {

    public static FunctionPackage unpack(Path zip, Path into) throws IOException {
        if (!Files.exists(zip)) {
            throw new IllegalStateException(zip + " not found: build it with ./mvnw package");
        }
        Path stamp = into.resolve(".unpacked-from");
        String identity = Files.getLastModifiedTime(zip) + " " + Files.size(zip);
        if (!Files.exists(stamp) || !Files.readString(stamp).equals(identity)) {
            deleteTree(into);
            extract(zip, into);
            Files.writeString(stamp, identity);
        }
        try (InputStream in = Files.newInputStream(into.resolve("META-INF/MANIFEST.MF"))) {
            var attributes = new Manifest(in).getMainAttributes();
            String opens = attributes.getValue("Add-Opens");
            return new FunctionPackage(into, opens == null ? List.of() : List.of(opens.trim().split("\\s+")));
        }
    }

    /** {@link #unpack} for use in a lambda: an I/O failure is unchecked. */
    public static FunctionPackage unpackUnchecked(Path zip, Path into) {
        try {
            return unpack(zip, into);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * JVM flags for the packages the manifest asks to open (needed on Java 24+); in AWS the template
     * passes the same flags in JAVA_TOOL_OPTIONS.
     */
    public List<String> jvmFlags() {
        return addOpens.stream().map(p -> "--add-opens=" + p + "=ALL-UNNAMED").toList();
    }

    private static void extract(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
