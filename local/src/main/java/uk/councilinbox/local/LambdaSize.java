package uk.councilinbox.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A Lambda memory size as a local function JVM can feel it: Lambda gives CPU in proportion to memory (one vCPU at
 * 1,769 MB), so the JVM runs in a Linux cpu cgroup whose quota is that share of one core (above 1,769 MB, more than
 * one), and with a heap of 85% of the size. Needs a writable cgroup v1 {@code cpu} controller (root); where there is
 * none, only the heap is set and {@link #cpuLimited()} says so. SnapStart's restore is not emulated: a cold start
 * here is a whole JVM start.
 */
public final class LambdaSize implements AutoCloseable {

    /** Lambda's documented point of one full vCPU. */
    public static final int MB_PER_VCPU = 1769;
    private static final Path CPU_CONTROLLER = Path.of("/sys/fs/cgroup/cpu");
    private static final int PERIOD_US = 100_000;

    private final int memoryMb;
    private final Optional<Path> cgroup;

    private LambdaSize(int memoryMb, Optional<Path> cgroup) {
        this.memoryMb = memoryMb;
        this.cgroup = cgroup;
    }

    public static LambdaSize of(int memoryMb) {
        Path dir = CPU_CONTROLLER.resolve("council-inbox-" + memoryMb + "mb-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("cpu.cfs_period_us"), Integer.toString(PERIOD_US));
            Files.writeString(dir.resolve("cpu.cfs_quota_us"), Long.toString((long) PERIOD_US * memoryMb / MB_PER_VCPU));
            return new LambdaSize(memoryMb, Optional.of(dir));
        } catch (IOException | RuntimeException e) {
            return new LambdaSize(memoryMb, Optional.empty());
        }
    }

    public int memoryMb() {
        return memoryMb;
    }

    public boolean cpuLimited() {
        return cgroup.isPresent();
    }

    /** vCPUs the size buys. */
    public double vcpus() {
        return (double) memoryMb / MB_PER_VCPU;
    }

    String heapFlag() {
        return "-Xmx" + memoryMb * 85 / 100 + "m";
    }

    /** The command, started inside the cgroup: a shell joins it, then becomes the command. */
    List<String> wrap(List<String> command) {
        if (cgroup.isEmpty()) {
            return command;
        }
        List<String> wrapped = new java.util.ArrayList<>(List.of("sh", "-c",
                "echo $$ > '" + cgroup.get().resolve("cgroup.procs") + "' && exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Removes the cgroup once its processes are gone. */
    @Override
    public void close() {
        cgroup.ifPresent(dir -> {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                // still in use by a process that has not exited yet: the kernel keeps it, harmless
            }
        });
    }
}
