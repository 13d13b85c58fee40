// One TSV file (id TAB title TAB text per line) → a Lucene 8 index with ArabicAnalyzer, one thread, no stored text:
// the baseline bench/index_speed.py measures Fahras against. Prints "docs seconds" on stdout.
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

public class LuceneIndex {
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(new ArabicAnalyzer());
        config.setRAMBufferSizeMB(128);
        int docs = 0;
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(args[1])), config);
             BufferedReader in = Files.newBufferedReader(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split("\t", 3);
                Document doc = new Document();
                doc.add(new StringField("id", parts[0], Field.Store.YES));
                doc.add(new TextField("title", parts.length > 1 ? parts[1] : "", Field.Store.NO));
                doc.add(new TextField("body", parts.length > 2 ? parts[2] : "", Field.Store.NO));
                writer.addDocument(doc);
                docs++;
            }
            writer.commit();
        }
        System.out.println(docs + " " + (System.nanoTime() - start) / 1e9);
    }
}
