// A test collection → a TREC run from Lucene 8's ArabicAnalyzer with BM25 (k1, b given), the baseline
// bench/ranking_vs_lucene.py scores Fahras against. Title and body are two fields; each query word is looked up in
// both (SHOULD, scores added, as MultiFieldQueryParser over title and body does), words OR-ed.
// Usage: java LuceneRank corpus.tsv queries.tsv run.trec depth k1 b
//   corpus.tsv: id TAB title TAB text per line; queries.tsv: qid TAB text per line.
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

public class LuceneRank {
    static final String[] FIELDS = {"title", "body"};

    public static void main(String[] args) throws Exception {
        int depth = Integer.parseInt(args[3]);
        BM25Similarity bm25 = new BM25Similarity(Float.parseFloat(args[4]), Float.parseFloat(args[5]));
        Analyzer analyzer = new ArabicAnalyzer();
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setSimilarity(bm25);
        try (IndexWriter writer = new IndexWriter(dir, config);
             BufferedReader in = Files.newBufferedReader(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split("\t", 3);
                Document doc = new Document();
                doc.add(new StringField("id", parts[0], Field.Store.YES));
                doc.add(new TextField("title", parts.length > 1 ? parts[1] : "", Field.Store.NO));
                doc.add(new TextField("body", parts.length > 2 ? parts[2] : "", Field.Store.NO));
                writer.addDocument(doc);
            }
            writer.commit();
        }
        BooleanQuery.setMaxClauseCount(1 << 16);
        try (DirectoryReader reader = DirectoryReader.open(dir);
             BufferedReader in = Files.newBufferedReader(Paths.get(args[1]), StandardCharsets.UTF_8);
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(args[2]), StandardCharsets.UTF_8))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(bm25);
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split("\t", 2);
                if (parts.length < 2) continue;
                BooleanQuery.Builder query = new BooleanQuery.Builder();
                for (String word : analyze(analyzer, parts[1])) {
                    BooleanQuery.Builder perWord = new BooleanQuery.Builder();
                    for (String field : FIELDS) {
                        perWord.add(new TermQuery(new Term(field, word)), BooleanClause.Occur.SHOULD);
                    }
                    query.add(perWord.build(), BooleanClause.Occur.SHOULD);
                }
                ScoreDoc[] hits = searcher.search(query.build(), depth).scoreDocs;
                for (int rank = 0; rank < hits.length; rank++) {
                    String id = searcher.doc(hits[rank].doc).get("id");
                    out.printf("%s Q0 %s %d %.6f lucene%n", parts[0], id, rank + 1, hits[rank].score);
                }
            }
        }
    }

    static java.util.List<String> analyze(Analyzer analyzer, String text) throws Exception {
        java.util.List<String> words = new java.util.ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) words.add(term.toString());
            stream.end();
        }
        return words;
    }
}
