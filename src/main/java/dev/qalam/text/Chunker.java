package dev.qalam.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document's pages into {@link Chunk}s that keep its structure. A heading (or a slide's title) starts
 * a new section: chunks never run across one, and the heading becomes the title of every chunk of its
 * section. Within a section, text runs on across page breaks and chunks are filled with whole sentences up
 * to {@link ChunkingOptions#maxChars()}, a sentence longer than that being cut at spaces; each chunk's
 * {@code pageStart} and {@code pageEnd} are the pages of its first and last sentence. A page marked
 * {@link PageText#standalone() standalone} (a slide) is a section of its own. A section with nothing but its
 * heading (a title slide, a heading followed by another at the same level) is one chunk of that heading, so
 * that it can still be found; one followed by a deeper heading lives on in that heading's path instead.
 * Deterministic: the same pages always give the same chunks.
 */
public final class Chunker {

    private final ChunkingOptions options;

    public Chunker(ChunkingOptions options) {
        this.options = options;
    }

    /**
     * The chunks of a document, in reading order.
     *
     * @param fallbackTitle the title of text under no heading (the document's title or file name); may be null
     */
    public List<Chunk> chunk(List<PageText> pages, String fallbackTitle) {
        Run run = new Run(fallbackTitle);
        for (PageText page : pages) {
            if (page.standalone()) {
                run.endSection(null);
                run.headings.clear();
            }
            for (Block b : page.blocks()) {
                if (b.text().isBlank()) {
                    continue;
                }
                if (b.isHeading()) {
                    run.endSection(b);
                    while (!run.headings.isEmpty() && run.headings.get(run.headings.size() - 1).level() >= b.level()) {
                        run.headings.remove(run.headings.size() - 1);
                    }
                    run.headings.add(b);
                    run.pendingHeading = true;
                    run.headingPage = page.pageNum();
                } else {
                    run.paragraph(b.text(), page.pageNum());
                }
            }
            if (page.standalone()) {
                run.endSection(null);
            }
        }
        run.endSection(null);
        return run.chunks;
    }

    /** A sentence (or a piece of a long one), the page it is on and what separates it from the one before. */
    private record Unit(String text, int page, String separator) {
        int length() {
            return text.length();
        }
    }

    private final class Run {
        final String fallbackTitle;
        final List<Block> headings = new ArrayList<>();
        final List<Unit> units = new ArrayList<>();
        final List<Chunk> chunks = new ArrayList<>();
        boolean pendingHeading;
        int headingPage;

        Run(String fallbackTitle) {
            this.fallbackTitle = fallbackTitle;
        }

        void paragraph(String text, int page) {
            boolean first = true;
            for (TextSplitter.Span s : TextSplitter.sentenceSpans(text)) {
                String sentence = text.substring(s.start(), s.end());
                String separator = first ? "\n\n" : lineBreakBefore(text, s.start()) ? "\n" : " ";
                for (String piece : pieces(sentence)) {
                    units.add(new Unit(piece, page, separator));
                    separator = " ";
                }
                first = false;
            }
        }

        /** Whether the white space just before {@code at} holds a line break. */
        private boolean lineBreakBefore(String text, int at) {
            for (int i = at - 1; i >= 0 && Character.isWhitespace(text.charAt(i)); i--) {
                if (text.charAt(i) == '\n') {
                    return true;
                }
            }
            return false;
        }

        /** A sentence as pieces of at most maxChars: cut at spaces, and a word longer than that cut anyway. */
        private List<String> pieces(String sentence) {
            int max = options.maxChars();
            if (sentence.length() <= max) {
                return List.of(sentence);
            }
            List<String> out = new ArrayList<>();
            int start = 0;
            while (start < sentence.length()) {
                int end = Math.min(sentence.length(), start + max);
                if (end < sentence.length()) {
                    int space = sentence.lastIndexOf(' ', end);
                    if (space > start) {
                        end = space;
                    }
                }
                String piece = sentence.substring(start, end).strip();
                if (!piece.isEmpty()) {
                    out.add(piece);
                }
                start = end;
                while (start < sentence.length() && sentence.charAt(start) == ' ') {
                    start++;
                }
            }
            return out;
        }

        /** Ends the current section; {@code next} is the heading that starts the following one, if any. */
        void endSection(Block next) {
            if (!units.isEmpty()) {
                emit();
            } else if (pendingHeading && !headings.isEmpty()) {
                Block top = headings.get(headings.size() - 1);
                if (next == null || next.level() <= top.level()) {
                    chunks.add(new Chunk(chunks.size(), top.text(), headingTexts(), headingPage, headingPage, top.text()));
                }
            }
            units.clear();
            pendingHeading = false;
        }

        private void emit() {
            int n = units.size();
            int i = 0;
            while (i < n) {
                int j = i;
                int length = 0;
                while (j < n && (j == i
                        || length + units.get(j).separator().length() + units.get(j).length() <= options.maxChars())) {
                    length += (j == i ? 0 : units.get(j).separator().length()) + units.get(j).length();
                    j++;
                }
                chunks.add(chunk(i, j));
                if (j >= n) {
                    break;
                }
                int k = j;
                int overlap = 0;
                while (k - 1 > i && overlap + units.get(k - 1).length() + 1 <= options.overlapChars()) {
                    k--;
                    overlap += units.get(k).length() + 1;
                }
                i = k;
            }
        }

        private Chunk chunk(int from, int to) {
            StringBuilder text = new StringBuilder();
            int pageStart = Integer.MAX_VALUE;
            int pageEnd = 0;
            for (int u = from; u < to; u++) {
                Unit unit = units.get(u);
                if (u > from) {
                    text.append(unit.separator());
                }
                text.append(unit.text());
                pageStart = Math.min(pageStart, unit.page());
                pageEnd = Math.max(pageEnd, unit.page());
            }
            String title = headings.isEmpty() ? fallbackTitle : headings.get(headings.size() - 1).text();
            return new Chunk(chunks.size(), title, headingTexts(), pageStart, pageEnd, text.toString());
        }

        private List<String> headingTexts() {
            return headings.stream().map(Block::text).toList();
        }
    }
}
