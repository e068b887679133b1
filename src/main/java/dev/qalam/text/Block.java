package dev.qalam.text;

import java.util.Objects;

/**
 * A piece of a page's structure: a heading (with its level: 0 for a document title, 1 for a top heading or a
 * slide title, deeper levels below) or a paragraph (lines of body text, a list item, a table row).
 */
public record Block(Kind kind, int level, String text) {

    public enum Kind { HEADING, PARAGRAPH }

    public Block {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(text);
        if (kind == Kind.PARAGRAPH) {
            level = 0;
        }
    }

    public static Block heading(int level, String text) {
        return new Block(Kind.HEADING, Math.max(0, level), text);
    }

    public static Block paragraph(String text) {
        return new Block(Kind.PARAGRAPH, 0, text);
    }

    public boolean isHeading() {
        return kind == Kind.HEADING;
    }
}
