package dev.qalam.retrieval;

import dev.qalam.document.ExtractedPage;
import dev.qalam.text.Chunk;
import dev.qalam.text.Chunker;
import dev.qalam.text.ChunkingOptions;
import dev.qalam.text.PageText;
import java.util.List;

/** Pages as the ingestion job stores them, and the chunks their text makes. */
public final class RetrievalPages {

    private RetrievalPages() {
    }

    /**
     * An extracted page as its row. PDF pages (text layer or OCR) are standalone: they carry no headings to
     * continue, and a chunk that stays on its page answers "which page" exactly. DOCX pages run on, under
     * their headings; slides are standalone already.
     */
    public static RetrievalPage extracted(String documentId, ExtractedPage page) {
        PageText content = page.content();
        if (page.method() != ExtractedPage.Method.TEXT && !content.standalone()) {
            content = new PageText(content.pageNum(), content.blocks(), true);
        }
        return new RetrievalPage(documentId, page.pageNum(), PageCodec.write(content), page.method().name());
    }

    /** A page sent pre-extracted as its row: standalone, as a PDF page, since it is one page as the client cut it. */
    static RetrievalPage given(String documentId, int pageNum, String text) {
        PageText plain = PageText.plain(pageNum, text);
        return new RetrievalPage(documentId, pageNum, PageCodec.write(new PageText(pageNum, plain.blocks(), true)), "JSON");
    }

    /**
     * The chunks of the stored pages, in order: the same pages always give the same chunks, so the chunk
     * ordinals (and ids) of a document are stable across restarts.
     */
    public static List<Chunk> chunk(List<RetrievalPage> pages, String title, ChunkingOptions options) {
        List<PageText> texts = pages.stream().map(p -> PageCodec.read(p.pageNum(), p.content())).toList();
        return new Chunker(options).chunk(texts, title);
    }
}
