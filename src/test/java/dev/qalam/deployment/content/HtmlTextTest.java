package dev.qalam.deployment.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** What a reader sees of a page, one block per line, Arabic and English alike. */
class HtmlTextTest {

    @Test
    void blocksOnTheirOwnLinesWithoutScriptsOrStyles() {
        Document doc = Jsoup.parse("""
                <html><head><title> تقرير  الربع </title><style>p{color:red}</style>
                <script>var secret = "do not read";</script></head>
                <body><h1>التقرير السنوي</h1><p>The   revenue <b>grew</b> by 12%.</p>
                <p>ارتفعت الإيرادات<br>بنسبة ١٢٪</p><ul><li>one</li><li>two</li></ul>
                <script>alert('x')</script><noscript>enable js</noscript><div hidden>hidden text</div>
                <table><tr><td>a</td><td>b</td></tr></table><pre>  x = 1
                  y = 2</pre></body></html>""");
        String text = HtmlText.text(doc);
        assertEquals("""
                التقرير السنوي
                The revenue grew by 12%.
                ارتفعت الإيرادات
                بنسبة ١٢٪
                one
                two
                a\tb
                x = 1
                y = 2""", text);
        assertFalse(text.contains("secret") || text.contains("alert") || text.contains("enable js")
                || text.contains("color") || text.contains("hidden text"));
        assertEquals("تقرير الربع", HtmlText.title(doc));
    }

    @Test
    void anEmptyPageHasNoText() {
        assertEquals("", HtmlText.text(Jsoup.parse("<script>x</script>")));
    }
}
