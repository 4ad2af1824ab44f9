package uk.councilinbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings read from template.yaml, so the benchmarks use what is deployed: each function's memory and
 * its SQS event source's batch size. The fallbacks are the template's values when this was written.
 */
public final class Template {

    private static final Map<String, String> RESOURCES = Map.of("webhooks", "WebhookFunction", "http", "StaffApiFunction", "triage",
            "TriageFunction", "sender", "SenderFunction", "pending-replies", "PendingRepliesFunction", "photos", "PhotosFunction",
            "works-sweep", "WorksSweepFunction", "works-send", "WorksSendFunction", "works-updates", "WorksUpdatesFunction");
    private static final Map<String, Integer> MEMORY = Map.of("webhooks", 1024, "http", 1024, "triage", 1024, "sender", 1024, "pending-replies", 512,
            "photos", 1024, "works-sweep", 512, "works-send", 512, "works-updates", 1024);
    private static final Map<String, Integer> BATCH = Map.of("triage", uk.councilinbox.local.LocalSystem.TRIAGE_BATCH_SIZE,
            "sender", uk.councilinbox.local.LocalSystem.SENDER_BATCH_SIZE, "photos", uk.councilinbox.local.LocalSystem.PHOTOS_BATCH_SIZE,
            "works-send", uk.councilinbox.local.LocalSystem.WORKS_BATCH_SIZE);

    private Template() {}

    static int memoryMb(String function) {
        return property(function, "MemorySize").orElse(MEMORY.get(function));
    }

    static int batchSize(String function) {
        return property(function, "BatchSize").orElse(BATCH.get(function));
    }

    /** The first {@code name: <number>} within the function's resource (up to the next top-level resource). */
    public static java.util.Optional<Integer> property(String function, String name) {
        try {
            String template = Files.readString(uk.councilinbox.local.Project.root().resolve("template.yaml"));
            int start = template.indexOf("\n  " + RESOURCES.get(function) + ":\n");
            if (start < 0) {
                return java.util.Optional.empty();
            }
            Matcher next = Pattern.compile("\n  [A-Za-z]+:\n").matcher(template);
            int end = next.find(start + 3) ? next.start() : template.length();
            Matcher m = Pattern.compile("\n\\s+" + name + ": (\\d+)").matcher(template.substring(start, end));
            return m.find() ? java.util.Optional.of(Integer.parseInt(m.group(1))) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
