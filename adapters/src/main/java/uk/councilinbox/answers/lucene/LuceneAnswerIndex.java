package uk.councilinbox.answers.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import uk.councilinbox.answers.Answer;
import uk.councilinbox.answers.AnswerSuggestions;
import uk.councilinbox.answers.Suggestion;

/**
 * The council's answers in an in-memory Lucene index, built once at start-up: one document per question wording
 * (with its answer's text in a second field), English analysis ({@link AnswerAnalysis}), BM25 ranking. A
 * resident's words match the wordings at full weight, a word one letter off at half weight, the answer text at
 * {@link #ANSWER_TEXT_WEIGHT}; hits are grouped by answer, each keeping its best wording.
 *
 * <p>Lucene's scores have no scale, so the confidence is computed apart from them: the share of the resident's
 * words, each weighted by how rare it is among the council's wordings (a word in none at half the weight of the
 * rarest), that the answer accounts for (a word in its wordings fully, one letter off 0.8, only in its answer text
 * 0.5), times {@code 1 - 0.5 * r * r}, where r is the best rival answer's score over this one's (for the second and
 * third suggestion the rival is the first, so they never pass 0.5). The constants were chosen on the labelled queries
 * ({@code bin/bench-answers}).
 */
public final class LuceneAnswerIndex implements AnswerSuggestions {

    static final float ANSWER_TEXT_WEIGHT = 0.3f;
    private static final float NEAR_MISS_WEIGHT = 0.5f;
    private static final double NEAR_MISS_CREDIT = 0.8;
    private static final double ANSWER_TEXT_CREDIT = 0.5;
    /** A rival as strong as the best answer halves its confidence; a weaker one costs with the square of its closeness. */
    private static final double RIVAL_PENALTY = 0.5;
    /** A word in no wording (a street name, a greeting) weighs half the rarest known word: it may be noise or another subject. */
    private static final double UNKNOWN_WORD_SHARE = 0.5;
    /** Longer texts (several messages) are matched on their first words only, which bounds the query. */
    private static final int MAX_TERMS = 64;
    private static final int HITS = 100;
    private static final String ID = "id";
    private static final String QUESTION = "question";
    private static final String ANSWER = "answer";

    private final Analyzer analyzer = AnswerAnalysis.analyzer();
    private final Map<String, Answer> answers = new LinkedHashMap<>();
    private final Map<String, Set<String>> questionTerms = new HashMap<>();
    private final Map<String, Set<String>> answerTerms = new HashMap<>();
    private final IndexSearcher searcher;
    private final int wordings;

    public LuceneAnswerIndex(List<Answer> council) {
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        int count = 0;
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Answer answer : council) {
                answers.put(answer.id(), answer);
                answerTerms.put(answer.id(), Set.copyOf(AnswerAnalysis.terms(analyzer, answer.text())));
                Set<String> terms = new LinkedHashSet<>();
                for (String question : answer.questions()) {
                    terms.addAll(AnswerAnalysis.terms(analyzer, question));
                    Document doc = new Document();
                    doc.add(new StringField(ID, answer.id(), Field.Store.YES));
                    doc.add(new StoredField("wording", question));
                    doc.add(new TextField(QUESTION, question, Field.Store.NO));
                    doc.add(new TextField(ANSWER, answer.text(), Field.Store.NO));
                    writer.addDocument(doc);
                    count++;
                }
                questionTerms.put(answer.id(), terms);
            }
            writer.commit();
            searcher = new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the answer index", e);
        }
        wordings = count;
    }

    @Override
    public List<Suggestion> suggest(String text, int limit) {
        List<String> terms = AnswerAnalysis.terms(analyzer, text).stream().limit(MAX_TERMS).toList();
        if (terms.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<Hit> ranked = rank(terms);
        List<Suggestion> suggestions = new ArrayList<>();
        for (int i = 0; i < ranked.size() && i < limit; i++) {
            Hit hit = ranked.get(i);
            double rival = i == 0 ? (ranked.size() > 1 ? ranked.get(1).score : 0) : ranked.getFirst().score;
            double closeness = Math.min(1, rival / hit.score);
            double confidence = coverage(terms, hit.answerId) * (1 - RIVAL_PENALTY * closeness * closeness);
            suggestions.add(new Suggestion(answers.get(hit.answerId), hit.wording, clamp(confidence)));
        }
        return suggestions;
    }

    private record Hit(String answerId, String wording, float score) {}

    private List<Hit> rank(List<String> terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(QUESTION, term)), BooleanClause.Occur.SHOULD);
            query.add(new BoostQuery(new TermQuery(new Term(ANSWER, term)), ANSWER_TEXT_WEIGHT), BooleanClause.Occur.SHOULD);
            if (term.length() >= AnswerAnalysis.FUZZY_FROM_LENGTH) {
                Query nearMiss = new FuzzyQuery(new Term(QUESTION, term), 1, 1);
                query.add(new BoostQuery(nearMiss, NEAR_MISS_WEIGHT), BooleanClause.Occur.SHOULD);
            }
        }
        try {
            Map<String, Hit> best = new LinkedHashMap<>();
            for (ScoreDoc scored : searcher.search(query.build(), HITS).scoreDocs) {
                Document doc = searcher.storedFields().document(scored.doc);
                best.putIfAbsent(doc.get(ID), new Hit(doc.get(ID), doc.get("wording"), scored.score));
            }
            return best.values().stream().sorted(Comparator.comparingDouble(Hit::score).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("answer index unreadable", e);
        }
    }

    /** The share of the resident's words, weighted by rarity among the wordings, that this answer accounts for. */
    private double coverage(List<String> terms, String answerId) {
        Set<String> questions = questionTerms.get(answerId);
        Set<String> answerText = answerTerms.get(answerId);
        double matched = 0;
        double total = 0;
        for (String term : new LinkedHashSet<>(terms)) {
            double weight = rarity(term);
            total += weight;
            if (questions.contains(term)) {
                matched += weight;
            } else if (term.length() >= AnswerAnalysis.FUZZY_FROM_LENGTH && questions.stream().anyMatch(q -> AnswerAnalysis.oneEditApart(term, q))) {
                matched += NEAR_MISS_CREDIT * weight;
            } else if (answerText.contains(term)) {
                matched += ANSWER_TEXT_CREDIT * weight;
            }
        }
        return total == 0 ? 0 : matched / total;
    }

    /** BM25's inverse document frequency of the word among the wordings; a word in none is the rarest. */
    private double rarity(String term) {
        try {
            int df = searcher.getIndexReader().docFreq(new Term(QUESTION, term));
            double idf = Math.log(1 + (wordings - df + 0.5) / (df + 0.5));
            return df == 0 ? UNKNOWN_WORD_SHARE * idf : idf;
        } catch (IOException e) {
            throw new UncheckedIOException("answer index unreadable", e);
        }
    }

    private static double clamp(double confidence) {
        return Math.max(0, Math.min(1, confidence));
    }
}
