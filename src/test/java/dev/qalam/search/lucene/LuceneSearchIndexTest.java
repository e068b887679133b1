package dev.qalam.search.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.search.SearchIndex;
import dev.qalam.search.SearchIndexContract;
import dev.qalam.search.SearchRequest;
import dev.qalam.search.SearchScope;
import dev.qalam.search.TestCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneSearchIndexTest extends SearchIndexContract {

    @TempDir
    static Path folder;

    private static LuceneSearchIndex index;

    @BeforeAll
    static void open() {
        index = LuceneSearchIndex.open(folder);
        assertTrue(index.createdEmpty());
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Override
    protected SearchIndex index() {
        return index;
    }

    @Test
    void whatWasAcknowledgedSurvivesAReopen(@TempDir Path other) {
        try (LuceneSearchIndex first = LuceneSearchIndex.open(other)) {
            first.upsert(TestCorpus.chunks("o", "c"));
        }
        try (LuceneSearchIndex again = LuceneSearchIndex.open(other)) {
            assertFalse(again.createdEmpty());
            assertEquals(8, again.count(SearchScope.of("o", Set.of("c"))));
            assertEquals("c-en-leave", again.search(SearchRequest.of(SearchScope.of("o", Set.of("c")), "annual leave", null, 1))
                    .hits().get(0).chunk().documentId());
        }
    }

    @Test
    void anIndexOfAnOlderAnalysisVersionIsLeftAsideAndANewOneStartsEmptyToRebuild(@TempDir Path other) throws IOException {
        try (LuceneSearchIndex current = LuceneSearchIndex.open(other)) {
            current.upsert(TestCorpus.chunks("o", "c"));
        }
        Path old = other.resolve("lucene-v" + (dev.qalam.text.TextAnalysis.VERSION - 1));
        Files.move(other.resolve("lucene-v" + dev.qalam.text.TextAnalysis.VERSION), old);
        try (LuceneSearchIndex again = LuceneSearchIndex.open(other)) {
            assertTrue(again.createdEmpty(), "a new analysis version is a new, empty index for IndexRebuild to fill");
            assertEquals(0, again.count(SearchScope.of("o", Set.of("c"))));
        }
        assertTrue(Files.isDirectory(old), "the old version's index is left for the operator");
    }

    @Test
    void anUnreadableIndexIsSetAsideAndReplacedByAnEmptyOneToRebuild(@TempDir Path other) throws IOException {
        Path folder;
        try (LuceneSearchIndex first = LuceneSearchIndex.open(other)) {
            first.upsert(TestCorpus.chunks("o", "c"));
            folder = first.folder();
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[] {1, 2, 3});
            }
        }
        try (LuceneSearchIndex again = LuceneSearchIndex.open(other)) {
            assertTrue(again.createdEmpty(), "the ingestion side is told to rebuild");
            assertEquals(0, again.count(SearchScope.of("o", Set.of("c"))));
            try (Stream<Path> siblings = Files.list(other)) {
                assertTrue(siblings.anyMatch(p -> p.getFileName().toString().contains(".broken-")), "kept aside");
            }
        }
    }
}
