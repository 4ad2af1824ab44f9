package uk.councilinbox.bench;

import java.util.Arrays;
import java.util.List;
import uk.councilinbox.answers.Answer;
import uk.councilinbox.answers.AnswerBook;
import uk.councilinbox.answers.CaseSuggestions;
import uk.councilinbox.answers.lucene.AnswerPrecision;
import uk.councilinbox.answers.lucene.LabelledQueries;
import uk.councilinbox.answers.lucene.LuceneAnswerIndex;

/**
 * Self-serve answers against the labelled resident questions ({@code adapters/src/test/resources/answers/queries.jsonl}):
 * P@1 and recall@3 on the questions an answer covers, and at each threshold the share that would be answered
 * automatically, how many of those rightly, and the false-automatic rate on questions no answer covers; then the
 * index's build time (what start-up pays) and suggestion latency on one thread after a warm-up.
 *
 * <p>Usage: {@code bin/bench-answers [suggestions]}
 */
public final class AnswerBench {

    private static final double[] THRESHOLDS = {0.5, 0.6, 0.7, 0.8};

    private AnswerBench() {}

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<Answer> answers = AnswerBook.fromClasspath();
        LabelledQueries labelled = LabelledQueries.fromClasspath();

        long buildStart = System.nanoTime();
        LuceneAnswerIndex index = new LuceneAnswerIndex(answers);
        double buildMs = (System.nanoTime() - buildStart) / 1e6;
        int wordings = answers.stream().mapToInt(a -> a.questions().size()).sum();

        long againStart = System.nanoTime();
        new LuceneAnswerIndex(answers);
        double againMs = (System.nanoTime() - againStart) / 1e6;

        AnswerPrecision p = AnswerPrecision.measure(index, labelled, THRESHOLDS);
        System.out.printf("answers: %d answers, %d wordings; %d labelled queries (%d covered, %d no answer covers)%n",
                answers.size(), wordings, p.covered() + p.uncovered(), p.covered(), p.uncovered());
        System.out.printf("  P@1 %.3f, recall@3 %.3f (covered queries)%n", p.precisionAt1(), p.recallAt3());
        for (AnswerPrecision.AtThreshold at : p.thresholds()) {
            System.out.printf("  confidence >= %.1f: %5.1f%% of covered answered automatically, %5.1f%% of those right;"
                    + " %5.1f%% of uncovered answered (false automatic)%n",
                    at.threshold(), 100 * at.autoShare(), 100 * at.autoPrecision(), 100 * at.falseAutoRate());
        }
        AnswerPrecision.misses(index, labelled).forEach(m -> System.out.println("  wrong first: " + m));

        List<String> texts = labelled.queries().stream().map(LabelledQueries.Query::text).toList();
        long sink = 0;
        for (int i = 0; i < 5_000; i++) {
            sink += index.suggest(texts.get(i % texts.size()), CaseSuggestions.SHOWN).size();
        }
        long[] nanos = new long[total];
        for (int i = 0; i < total; i++) {
            long t0 = System.nanoTime();
            sink += index.suggest(texts.get(i % texts.size()), CaseSuggestions.SHOWN).size();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("  index build %.1f ms cold (the first in this JVM, Lucene's classes loading), %.1f ms again;"
                + " %d suggestions of %d: p50 %.0f us, p99 %.0f us (checksum %d)%n", buildMs, againMs, total, CaseSuggestions.SHOWN, nanos[total / 2] / 1e3, nanos[(int) (total * 0.99)] / 1e3, sink);
    }
}
