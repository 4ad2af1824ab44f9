package uk.councilinbox.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import uk.councilinbox.bench.classifiers.Candidate;
import uk.councilinbox.bench.classifiers.Embedder;
import uk.councilinbox.bench.classifiers.Metrics;
import uk.councilinbox.bench.classifiers.Prediction;
import uk.councilinbox.bench.classifiers.Row;
import uk.councilinbox.local.Project;

/**
 * Side by side: today's maxent against MiniLM sentence embeddings with a linear softmax layer (and a
 * hybrid of both), trained on the same corpus with the same composite outcomes, scored on each held-out
 * file, then timed (p50/p99 per message on one thread, warm), sized (serialized model, what it would add
 * to workers/target/function.zip) and loaded cold (a fresh JVM that reads the model and classifies one message).
 *
 * <p>Usage: {@code bin/bench-classifiers [--corpus DIR|FILE,...] [--heldout F1,F2] [--candidates maxent,minilm+linear,hybrid]
 * [--threshold 0.5] [--calls N] [--no-fresh-jvm] [--keep-overlap]}
 */
public final class ClassifierComparison {

    private ClassifierComparison() {}

    private record Quality(String candidate, String file, Metrics metrics) {}

    private record Cost(String candidate, double trainSeconds, double p50us, double p99us, long modelBytes,
            long zipBytes, long zipLinuxX64Bytes, double freshLoadMs, double freshFirstMs, double freshProcessMs) {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--load")) {
            loadInFreshJvm(args);
            return;
        }
        Path root = Project.root();
        Map<String, String> opts = options(args);
        List<Path> corpus = Arrays.stream(opts.getOrDefault("corpus", root.resolve("workers/src/main/corpus").toString()).split(","))
                .map(Path::of).toList();
        List<Path> heldout = opts.containsKey("heldout")
                ? Arrays.stream(opts.get("heldout").split(",")).map(Path::of).toList()
                : defaultHeldout(root);
        List<String> names = List.of(opts.getOrDefault("candidates", "maxent,minilm+linear,hybrid").split(","));
        double threshold = Double.parseDouble(opts.getOrDefault("threshold", "0.5"));
        boolean fresh = !opts.containsKey("no-fresh-jvm");
        boolean keepOverlap = opts.containsKey("keep-overlap");

        List<Path> corpusFiles = corpus.stream().flatMap(p -> Row.jsonlFiles(p).stream()).toList();
        List<Row> training = Row.read(corpusFiles);
        System.out.printf("corpus: %d rows from %s%n", training.size(), corpusFiles.stream().map(p -> root.relativize(p.toAbsolutePath().normalize())).toList());
        System.out.printf("training outcomes: %s%n", counts(training.stream().map(Row::outcome).toList()));
        Set<String> trainingTexts = new HashSet<>();
        training.forEach(r -> trainingTexts.add(normal(r.text())));
        Map<Path, List<Row>> tests = new LinkedHashMap<>();
        for (Path file : heldout) {
            List<Row> all = Row.read(List.of(file));
            // A row the models were trained on is not held out: scored only with --keep-overlap.
            List<Row> rows = keepOverlap ? all : all.stream().filter(r -> !trainingTexts.contains(normal(r.text()))).toList();
            long overlap = all.stream().filter(r -> trainingTexts.contains(normal(r.text()))).count();
            tests.put(file, rows);
            System.out.printf("held-out %s: %d rows scored, %s%s%n", file.getFileName(), rows.size(),
                    counts(rows.stream().map(Row::category).toList()),
                    overlap == 0 ? "" : keepOverlap ? "; " + overlap + " of them also in the corpus (--keep-overlap)"
                            : "; " + overlap + " rows also in the corpus left out");
        }

        double embedSeconds = 0;
        if (names.stream().anyMatch(n -> !n.equals("maxent"))) {
            long t0 = System.nanoTime();
            Embedder embedder = Embedder.get();
            double loadMs = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            training.forEach(r -> embedder.embedCached(r.text()));
            embedSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("minilm: loaded in %.0f ms; embedded the %d training texts in %.1f s (shared by the embedding candidates, counted in each one's training time)%n",
                    loadMs, training.size(), embedSeconds);
        }
        List<Quality> quality = new ArrayList<>();
        List<Cost> costs = new ArrayList<>();
        for (String name : names) {
            Candidate candidate = Candidate.named(name);
            long t0 = System.nanoTime();
            candidate.train(training);
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            double trainSeconds = fitSeconds + (name.equals("maxent") ? 0 : embedSeconds);
            System.out.printf("%n== %s: trained in %.1f s (fit %.1f s)%n", name, trainSeconds, fitSeconds);
            List<String> texts = new ArrayList<>();
            for (Map.Entry<Path, List<Row>> test : tests.entrySet()) {
                Metrics metrics = new Metrics(threshold);
                for (Row row : test.getValue()) {
                    Prediction p = candidate.predict(row.text());
                    metrics.add(row.outcome(), p.outcome(), p.confidence());
                    texts.add(row.text());
                }
                quality.add(new Quality(name, test.getKey().getFileName().toString(), metrics));
                System.out.print(metrics.report(test.getKey().getFileName().toString()));
            }
            double[] latency = latency(candidate, texts.isEmpty() ? training.stream().map(Row::text).toList() : texts,
                    Integer.parseInt(opts.getOrDefault("calls", name.equals("maxent") ? "20000" : "1000")));
            byte[] model = candidate.serialize();
            List<Path> jars = extraJars(root, candidate.extraArtifacts());
            long zip = zipSize(jars, model, null);
            long zipLinux = zipSize(jars, model, ClassifierComparison::linuxX64OrPortable);
            double[] cold = fresh ? freshJvm(name, model, texts.isEmpty() ? "pothole on the high street" : texts.get(0))
                    : new double[] {Double.NaN, Double.NaN, Double.NaN};
            System.out.printf("latency p50 %.0f us, p99 %.0f us; model %s; extra jars %s%n", latency[0], latency[1],
                    bytes(model.length), jars.stream().map(p -> p.getFileName().toString()).toList());
            System.out.printf("function.zip +%s (+%s keeping only linux-x86_64 natives); fresh JVM: load %.0f ms, first message %.0f ms, whole process %.0f ms%n",
                    bytes(zip), bytes(zipLinux), cold[0], cold[1], cold[2]);
            costs.add(new Cost(name, trainSeconds, latency[0], latency[1], model.length, zip, zipLinux, cold[0], cold[1], cold[2]));
        }
        printTable(quality, costs, threshold);
        System.exit(0); // onnxruntime's and langchain4j's pools
    }

    private static List<Path> defaultHeldout(Path root) {
        List<Path> files = new ArrayList<>(Row.realHeldout(root));
        for (Path p : List.of(root.resolve("workers/src/test/resources/triage/holdout.jsonl"),
                root.resolve("../shared/eval/examples.jsonl").normalize())) {
            if (Files.exists(p)) {
                files.add(p);
            }
        }
        return files;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (key.equals("no-fresh-jvm") || key.equals("keep-overlap")) {
                opts.put(key, "");
            } else {
                opts.put(key, args[++i]);
            }
        }
        return opts;
    }

    static String normal(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Long> counts(List<String> labels) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        labels.forEach(l -> counts.merge(l, 1L, Long::sum));
        return counts;
    }

    /** p50 and p99 microseconds per message after a warm-up, one thread. */
    private static double[] latency(Candidate candidate, List<String> texts, int calls) {
        double sink = 0;
        for (int i = 0; i < Math.max(200, calls / 5); i++) {
            sink += candidate.predict(texts.get(i % texts.size())).confidence();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            sink += candidate.predict(texts.get(i % texts.size())).confidence();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        if (sink == -1) {
            System.out.println(sink);
        }
        return new double[] {nanos[calls / 2] / 1e3, nanos[(int) (calls * 0.99)] / 1e3};
    }

    /** The class path's jars for the artifacts, less those workers/target/function.zip already ships. */
    private static List<Path> extraJars(Path root, List<String> artifacts) throws IOException {
        Set<String> shipped = new HashSet<>();
        Path functionZip = root.resolve("workers/target/function.zip");
        if (Files.exists(functionZip)) {
            try (ZipFile zip = new ZipFile(functionZip.toFile())) {
                zip.stream().forEach(e -> shipped.add(e.getName()));
            }
        } else {
            System.out.println("(workers/target/function.zip missing: every extra jar counted)");
        }
        List<Path> jars = new ArrayList<>();
        for (String artifact : artifacts) {
            String group = artifact.substring(0, artifact.indexOf(':'));
            String id = artifact.substring(artifact.indexOf(':') + 1);
            if (shipped.stream().anyMatch(n -> n.startsWith("lib/" + group + "." + id + "-"))) {
                continue;
            }
            String folder = File.separator + group.replace('.', File.separatorChar) + File.separator + id + File.separator;
            Path jar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(e -> e.contains(folder) && e.endsWith(".jar")).map(Path::of).findFirst()
                    .orElseThrow(() -> new IllegalStateException(artifact + " not on the class path"));
            jars.add(jar);
        }
        return jars;
    }

    /** A jar entry Lambda's x86_64 runtime needs: anything but another platform's native library. */
    private static boolean linuxX64OrPortable(String entry) {
        String e = entry.toLowerCase(Locale.ROOT);
        boolean nativeLib = e.endsWith(".so") || e.endsWith(".dylib") || e.endsWith(".dll") || e.contains(".dsym/")
                || e.endsWith(".jnilib") || e.endsWith(".a") || e.endsWith(".pdb") || e.endsWith(".lib");
        return !nativeLib || (e.contains("linux-x86_64") || e.contains("linux-x64") || e.contains("linux-x86-64"));
    }

    /**
     * Compressed bytes the jars and model add to a zip (default deflate): with a null filter the jars go in whole,
     * as function.zip's lib/ holds them; with a filter, their kept entries go in one by one (a slimmed jar).
     */
    static long zipSize(List<Path> jars, byte[] model, Predicate<String> keep) throws IOException {
        CountingStream counter = new CountingStream();
        try (ZipOutputStream zip = new ZipOutputStream(counter)) {
            for (Path jar : jars) {
                if (keep == null) {
                    zip.putNextEntry(new ZipEntry("lib/" + jar.getFileName()));
                    Files.copy(jar, zip);
                    zip.closeEntry();
                    continue;
                }
                try (ZipFile in = new ZipFile(jar.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                        ZipEntry entry = e.nextElement();
                        if (entry.isDirectory() || !keep.test(entry.getName())) {
                            continue;
                        }
                        zip.putNextEntry(new ZipEntry(jar.getFileName() + "/" + entry.getName()));
                        try (InputStream data = in.getInputStream(entry)) {
                            data.transferTo(zip);
                        }
                        zip.closeEntry();
                    }
                }
            }
            zip.putNextEntry(new ZipEntry("triage/model.bin"));
            zip.write(model);
            zip.closeEntry();
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /** Load ms, first-message ms (both measured inside the child) and the child process's wall ms. */
    private static double[] freshJvm(String name, byte[] model, String text) throws Exception {
        Path file = Files.createTempFile("classifier-" + name.replace('+', '-'), ".bin");
        try {
            Files.write(file, model);
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    ClassifierComparison.class.getName(), "--load", name, file.toString(), text);
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("fresh JVM failed: " + out);
            }
            double wall = (System.nanoTime() - t0) / 1e6;
            String line = out.lines().filter(l -> l.startsWith("FRESH ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("fresh JVM said: " + out));
            String[] parts = line.split(" ");
            return new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), wall};
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The child: {@code --load <candidate> <model file> <text>}; prints {@code FRESH <load ms> <first message ms> <category>}. */
    private static void loadInFreshJvm(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Candidate loaded = Candidate.named(args[1]).load(Files.readAllBytes(Path.of(args[2])));
        long t1 = System.nanoTime();
        Prediction p = loaded.predict(args[3]);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "FRESH %.1f %.1f %s%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, p.category());
        System.exit(0);
    }


    private static String bytes(long n) {
        return n >= 1 << 20 ? String.format("%.1f MB", n / 1048576.0) : String.format("%.0f KB", n / 1024.0);
    }

    private static void printTable(List<Quality> quality, List<Cost> costs, double threshold) {
        System.out.printf("%nClassifier comparison (same corpus, same outcomes; category = best summed outcome; review threshold %.2f)%n", threshold);
        System.out.printf("%-14s %-20s %5s %6s %8s %7s %7s %7s %7s %7s %7s %7s %6s%n", "candidate", "held-out", "rows", "acc",
                "macroF1", "F1:pot", "F1:flt", "F1:cmp", "F1:qry", "F1:oth", "potP", "svcAcc", "<thr");
        for (Quality q : quality) {
            Metrics m = q.metrics();
            System.out.printf("%-14s %-20s %5d %6.3f %8s %7s %7s %7s %7s %7s %7s %7s %5.1f%%%n", q.candidate(), q.file(), m.total(),
                    m.accuracy(), Metrics.score(m.macroF1()) + "/" + m.macroClasses(), Metrics.score(m.f1(0)), Metrics.score(m.f1(1)), Metrics.score(m.f1(2)),
                    Metrics.score(m.f1(3)), Metrics.score(m.f1(4)), Metrics.score(m.potholePrecision()), Metrics.score(m.serviceAccuracy()), 100 * m.belowThresholdShare());
        }
        System.out.println();
        System.out.printf("%-14s %8s %9s %9s %10s %14s %16s %12s %12s %12s%n", "candidate", "train s", "p50 us", "p99 us",
                "model", "zip +", "zip + (linux64)", "INIT load ms", "1st msg ms", "JVM wall ms");
        for (Cost c : costs) {
            System.out.printf("%-14s %8.1f %9.0f %9.0f %10s %14s %16s %12.0f %12.0f %12.0f%n", c.candidate(), c.trainSeconds(),
                    c.p50us(), c.p99us(), bytes(c.modelBytes()), bytes(c.zipBytes()), bytes(c.zipLinuxX64Bytes()),
                    c.freshLoadMs(), c.freshFirstMs(), c.freshProcessMs());
        }
        System.out.println("macroF1 x/n: mean over the n categories present in gold or predictions; svcAcc: right service among gold reports also"
                + " predicted a report; <thr: share with confidence below the threshold; latency: one thread, warm, per message;"
                + " zip +: compressed extra jars (not already in workers/target/function.zip) + model; INIT: fresh JVM, model bytes to ready;"
                + " embedding candidates' train s includes embedding the corpus (shared, printed above) and the fit.");
    }
}
