package uk.councilinbox.concurrent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** Work on many items at once, each on a virtual thread, at most so many at a time (the store's calls are the bottleneck). */
public final class Bounded {

    private Bounded() {}

    /** Runs {@code work} on every item and returns when all are done; the first failure is thrown (the rest still run). */
    public static <T> void forEach(Collection<T> items, int parallelism, Consumer<T> work) {
        Semaphore slots = new Semaphore(parallelism);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (T item : items) {
                running.add(pool.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        work.accept(item);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
