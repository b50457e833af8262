package dev.newsroom.assistant.answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Ranks an article's passages against a question with BM25 (Lucene's {@link BM25Similarity}, k1 =
 * 1.2, b = 0.75) over English-analysed text: lower-cased, stop words and question words removed,
 * Porter-stemmed, so "opened" matches "opening". Each question builds its own small in-memory index
 * of the article's passages and drops it afterwards; nothing about the question outlives the call.
 *
 * <p>Besides the BM25 score, each passage gets its <em>coverage</em>: the share of the question's
 * distinct terms it contains, each term weighted by its BM25 inverse document frequency among the
 * article's passages. A term the article never uses gets the highest weight, because a passage
 * that lacks it most likely does not answer; a term in every passage (the article's subject) gets
 * the lowest, because containing it says little.
 *
 * <p>Raw BM25 scores order the passages of one article well, but are not comparable across articles
 * or questions (a one-paragraph article gives every term a tiny IDF). So each passage also gets its
 * <em>relative score</em>: its BM25 score divided by the sum of the question terms' IDFs, which is
 * the most a passage could score (Lucene's BM25 term score is IDF times a term-frequency factor below
 * 1). It is high when the passage holds the question's rare terms, repeatedly, in few words, and low
 * when a long passage mentions them once in passing. Coverage and relative score together decide
 * whether the article answers at all ({@link ExtractiveAnswerer}).
 */
final class PassageRanker {

    static final String FIELD = "text";
    private static final String INDEX = "index";

    /**
     * Words that shape a question but carry no topic: interrogatives, auxiliaries, pronouns and
     * "the article says", on top of Lucene's English stop words. Removed from passages too, so both
     * sides are analysed alike.
     */
    static final CharArraySet STOP_WORDS = stopWords();

    private final Analyzer analyzer = new EnglishAnalyzer(STOP_WORDS);

    /**
     * A passage with its BM25 score, that score as a share of the most the question allows (0 to
     * 1), and its coverage of the question (0 to 1).
     */
    record Ranked(Passage passage, double score, double relativeScore, double coverage) {}

    /** The question's analysed content terms, and the passages that match any, best first. */
    record Ranking(List<String> questionTerms, List<Ranked> passages) {

        boolean isEmpty() {
            return passages.isEmpty();
        }
    }

    Ranking rank(List<Passage> passages, String question) {
        List<String> questionTerms = List.copyOf(new LinkedHashSet<>(terms(question)));
        if (questionTerms.isEmpty() || passages.isEmpty()) {
            return new Ranking(questionTerms, List.of());
        }
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(directory, throwAwayIndex())) {
            index(writer, passages);
            // A near-real-time reader straight from the writer: the index is never committed.
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                return new Ranking(questionTerms, search(reader, passages, questionTerms));
            }
        } catch (IOException e) {
            // In-memory only: an IOException here is a bug, not a condition to handle.
            throw new UncheckedIOException(e);
        }
    }

    /** One small segment that lives for one question: no merging, no compound file, no commit. */
    private IndexWriterConfig throwAwayIndex() {
        return new IndexWriterConfig(analyzer)
                .setSimilarity(new BM25Similarity())
                .setMergePolicy(NoMergePolicy.INSTANCE)
                .setMergeScheduler(new SerialMergeScheduler())
                .setUseCompoundFile(false)
                .setCommitOnClose(false);
    }

    private static void index(IndexWriter writer, List<Passage> passages) throws IOException {
        for (Passage passage : passages) {
            Document document = new Document();
            document.add(new TextField(FIELD, passage.text(), Field.Store.NO));
            document.add(new StoredField(INDEX, passage.index()));
            writer.addDocument(document);
        }
    }

    private List<Ranked> search(DirectoryReader reader, List<Passage> passages, List<String> questionTerms)
            throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        searcher.setSimilarity(new BM25Similarity());
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        Map<String, Double> weights = new HashMap<>();
        int count = reader.numDocs();
        for (String term : questionTerms) {
            query.add(new TermQuery(new Term(FIELD, term)), BooleanClause.Occur.SHOULD);
            weights.put(term, idf(reader.docFreq(new Term(FIELD, term)), count));
        }
        double totalWeight =
                weights.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Ranked> ranked = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(query.build(), passages.size()).scoreDocs) {
            int index = searcher.storedFields()
                    .document(hit.doc)
                    .getField(INDEX)
                    .numericValue()
                    .intValue();
            Passage passage = passages.get(index);
            Set<String> passageTerms = new HashSet<>(terms(passage.text()));
            double matched = questionTerms.stream()
                    .filter(passageTerms::contains)
                    .mapToDouble(weights::get)
                    .sum();
            ranked.add(new Ranked(passage, hit.score, hit.score / totalWeight, matched / totalWeight));
        }
        // Lucene orders equal scores by document; keep it explicit: best score, then earliest passage.
        ranked.sort(Comparator.comparingDouble(Ranked::score)
                .reversed()
                .thenComparingInt(r -> r.passage().index()));
        return List.copyOf(ranked);
    }

    /** BM25's inverse document frequency, as {@link BM25Similarity} computes it. */
    static double idf(long docFreq, long docCount) {
        return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    /** {@code text} as the index sees it: analysed terms in order, repeats kept. */
    List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static CharArraySet stopWords() {
        CharArraySet words = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        words.addAll(List.of(
                "what", "when", "where", "who", "whom", "whose", "which", "why", "how", "do", "does", "did", "done",
                "has", "have", "had", "can", "could", "would", "should", "shall", "may", "might", "must", "i", "me",
                "my", "you", "your", "he", "him", "his", "she", "her", "we", "us", "our", "its", "them", "were", "been",
                "being", "am", "about", "article", "story", "say", "says", "said", "tell", "know", "many", "much",
                "any", "some", "so", "from", "than", "too", "very", "just", "also", "please"));
        return CharArraySet.unmodifiableSet(words);
    }
}
