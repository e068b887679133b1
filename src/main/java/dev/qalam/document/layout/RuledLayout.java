package dev.qalam.document.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ruled lines and the tables they draw, found on an 8-bit grey page before it is recognised. Tesseract reads a
 * grid as letters ("ver", "Lo") and breaks a table's rows apart, so the rules are found here, erased, and the
 * cells they enclose are handed to the engine one by one.
 *
 * <p>A rule is a run of ink at least {@link #minRuleLength} long (a morphological opening with a long
 * structuring element, done run by run on the rows, then the columns), a few pixels thick, with (almost)
 * no ink on either side along its length: the connected baseline of an Arabic word is as long as the word
 * but has letters standing on it, a rule has nothing but the rules that cross it. A vertical rule must also
 * be four times that length or meet a horizontal rule, which the stroke of a tall letter never does. Rules that cross one
 * another form a table when there are at least two of each direction; the rows and columns are where the
 * rules lie, and a cell spans the columns whose separating rule is missing in its row.
 */
public final class RuledLayout {

    /** A rectangle in the page's pixels. */
    public record Box(int x, int y, int width, int height) {
        public int right() {
            return x + width;
        }

        public int bottom() {
            return y + height;
        }
    }

    /** A line of a ruling: {@code horizontal} rules run along {@code [from, to]} at {@code [at0, at1]}. */
    public record Rule(boolean horizontal, int from, int to, int at0, int at1) {
        int middle() {
            return (at0 + at1) / 2;
        }

        int length() {
            return to - from + 1;
        }
    }

    /** A table cell: its row, first column and the columns it spans (0-based, left to right), and its box. */
    public record Cell(int row, int column, int columnSpan, Box box) {
    }

    /** A ruled table: its box and its cells row by row, each row left to right. */
    public record Table(Box box, int rows, int columns, List<List<Cell>> cellRows) {
    }

    /**
     * What the page holds: its rules, the tables they make, and the page with every rule erased (white).
     *
     * @param cleaned the page without its rules, same size and layout as the input (a copy when there are rules:
     *                the input is never changed)
     */
    public record Layout(int width, int height, byte[] cleaned, List<Rule> rules, List<Table> tables) {
        public boolean hasRules() {
            return !rules.isEmpty();
        }
    }

    /** Gaps in a rule that noise or JPEG artefacts leave, bridged when runs are measured. */
    private static final int GAP = 2;

    private RuledLayout() {
    }

    /**
     * The shortest run of ink taken for a rule on a page of this size: a thirtieth of its longer side (0.4
     * inch on an A4 page), at least 40 pixels; the bar of a T or the stroke of a kaf is shorter.
     */
    public static int minRuleLength(int width, int height) {
        return Math.max(40, Math.max(width, height) / 30);
    }

    /** Analyses an 8-bit grey page, row-major, 0 black and 255 white. */
    public static Layout analyse(byte[] gray, int width, int height) {
        int threshold = otsu(gray);
        boolean[] ink = new boolean[gray.length];
        for (int i = 0; i < gray.length; i++) {
            ink[i] = (gray[i] & 0xFF) < threshold;
        }
        int min = minRuleLength(width, height);
        List<Rule> rules = new ArrayList<>(isolated(merge(runs(ink, width, height, true, min), true), ink, width, height));
        int tol = Math.max(4, min / 6);
        for (Rule v : isolated(merge(runs(ink, width, height, false, min), false), ink, width, height)) {
            // The strokes of tall letters (alif, lam, l) are vertical runs too: a vertical rule is far longer,
            // or meets a horizontal one.
            if (v.length() >= 4 * min || rules.stream().anyMatch(h -> h.horizontal() && crosses(h, v, tol))) {
                rules.add(v);
            }
        }
        byte[] cleaned = rules.isEmpty() ? gray : gray.clone();
        for (Rule r : rules) {
            erase(cleaned, width, height, r);
        }
        return new Layout(width, height, cleaned, List.copyOf(rules), tables(rules, min));
    }

    /** Otsu's threshold of the grey histogram, kept within sane bounds for a page of paper and ink. */
    static int otsu(byte[] gray) {
        long[] hist = new long[256];
        for (byte b : gray) {
            hist[b & 0xFF]++;
        }
        long total = gray.length;
        double sum = 0;
        for (int i = 0; i < 256; i++) {
            sum += (double) i * hist[i];
        }
        double sumB = 0;
        long wB = 0;
        double best = -1;
        int threshold = 128;
        for (int t = 0; t < 256; t++) {
            wB += hist[t];
            if (wB == 0) {
                continue;
            }
            long wF = total - wB;
            if (wF == 0) {
                break;
            }
            sumB += (double) t * hist[t];
            double mB = sumB / wB;
            double mF = (sum - sumB) / wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                threshold = t + 1;
            }
        }
        return Math.max(60, Math.min(200, threshold));
    }

    /** Runs of ink of at least {@code min} pixels along each row (or column), bridging gaps of {@value #GAP}. */
    static List<Rule> runs(boolean[] ink, int width, int height, boolean horizontal, int min) {
        if (!horizontal) {
            return columnRuns(ink, width, height, min);
        }
        List<Rule> out = new ArrayList<>();
        int lines = horizontal ? height : width;
        int length = horizontal ? width : height;
        for (int a = 0; a < lines; a++) {
            int start = -1;
            int lastInk = -10;
            for (int b = 0; b <= length; b++) {
                boolean on = b < length && (horizontal ? ink[a * width + b] : ink[b * width + a]);
                if (on) {
                    if (start < 0 || b - lastInk > GAP + 1) {
                        if (start >= 0 && lastInk - start + 1 >= min) {
                            out.add(new Rule(horizontal, start, lastInk, a, a));
                        }
                        start = b;
                    }
                    lastInk = b;
                }
            }
            if (start >= 0 && lastInk - start + 1 >= min) {
                out.add(new Rule(horizontal, start, lastInk, a, a));
            }
        }
        return out;
    }

    /** The vertical runs, found row by row (the pixels in memory order) with a run in progress per column. */
    private static List<Rule> columnRuns(boolean[] ink, int width, int height, int min) {
        int[] start = new int[width];
        int[] lastInk = new int[width];
        java.util.Arrays.fill(start, -1);
        List<Rule> out = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (ink[row + x]) {
                    if (start[x] < 0 || y - lastInk[x] > GAP + 1) {
                        if (start[x] >= 0 && lastInk[x] - start[x] + 1 >= min) {
                            out.add(new Rule(false, start[x], lastInk[x], x, x));
                        }
                        start[x] = y;
                    }
                    lastInk[x] = y;
                }
            }
        }
        for (int x = 0; x < width; x++) {
            if (start[x] >= 0 && lastInk[x] - start[x] + 1 >= min) {
                out.add(new Rule(false, start[x], lastInk[x], x, x));
            }
        }
        out.sort(Comparator.comparingInt(Rule::at0).thenComparingInt(Rule::from));
        return out;
    }

    /** Joins the runs of neighbouring rows (columns) that overlap into one rule of some thickness. */
    static List<Rule> merge(List<Rule> runs, boolean horizontal) {
        List<int[]> open = new ArrayList<>(); // from, to, at0, at1
        List<Rule> done = new ArrayList<>();
        for (Rule r : runs) {
            int[] joined = null;
            for (int[] o : open) {
                if (r.at0() - o[3] <= 1 && r.from() <= o[1] && r.to() >= o[0]) {
                    o[0] = Math.min(o[0], r.from());
                    o[1] = Math.max(o[1], r.to());
                    o[3] = r.at0();
                    joined = o;
                    break;
                }
            }
            if (joined == null) {
                open.add(new int[] {r.from(), r.to(), r.at0(), r.at0()});
            }
            open.removeIf(o -> {
                if (r.at0() - o[3] > 1) {
                    done.add(new Rule(horizontal, o[0], o[1], o[2], o[3]));
                    return true;
                }
                return false;
            });
        }
        for (int[] o : open) {
            done.add(new Rule(horizontal, o[0], o[1], o[2], o[3]));
        }
        return done;
    }

    /**
     * The runs that are rules: thin for their length, and with little ink just beside them (text has
     * letters standing on its baseline; a rule only has the rules that cross it).
     */
    static List<Rule> isolated(List<Rule> candidates, boolean[] ink, int width, int height) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : candidates) {
            int thickness = r.at1() - r.at0() + 1;
            if (thickness * 8 > r.length()) {
                continue;
            }
            int before = r.at0() - 2;
            int after = r.at1() + 2;
            double side = Math.max(inkFraction(ink, width, height, r, before), inkFraction(ink, width, height, r, after));
            if (side <= 0.2) {
                out.add(r);
            }
        }
        return out;
    }

    private static double inkFraction(boolean[] ink, int width, int height, Rule r, int at) {
        int lines = r.horizontal() ? height : width;
        if (at < 0 || at >= lines) {
            return 0;
        }
        int n = 0;
        for (int b = r.from(); b <= r.to(); b++) {
            if (r.horizontal() ? ink[at * width + b] : ink[b * width + at]) {
                n++;
            }
        }
        return (double) n / r.length();
    }

    /** Whitens a rule and a pixel around it (the grey fringe a scanner or anti-aliasing leaves). */
    private static void erase(byte[] gray, int width, int height, Rule r) {
        int a0 = Math.max(0, r.at0() - 1);
        int a1 = Math.min((r.horizontal() ? height : width) - 1, r.at1() + 1);
        int b0 = Math.max(0, r.from() - 1);
        int b1 = Math.min((r.horizontal() ? width : height) - 1, r.to() + 1);
        for (int a = a0; a <= a1; a++) {
            for (int b = b0; b <= b1; b++) {
                gray[r.horizontal() ? a * width + b : b * width + a] = (byte) 0xFF;
            }
        }
    }

    /** Groups crossing rules into tables; a group needs two rules of each direction. */
    static List<Table> tables(List<Rule> rules, int min) {
        int tol = Math.max(4, min / 6);
        int n = rules.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Rule a = rules.get(i);
                Rule b = rules.get(j);
                if (a.horizontal() != b.horizontal() && crosses(a.horizontal() ? a : b, a.horizontal() ? b : a, tol)) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
        }
        List<Table> tables = new ArrayList<>();
        boolean[] seen = new boolean[n];
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (seen[root]) {
                continue;
            }
            seen[root] = true;
            List<Rule> hs = new ArrayList<>();
            List<Rule> vs = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (find(parent, j) == root) {
                    (rules.get(j).horizontal() ? hs : vs).add(rules.get(j));
                }
            }
            if (hs.size() >= 2 && vs.size() >= 2) {
                Table t = table(hs, vs, tol);
                if (t != null) {
                    tables.add(t);
                }
            }
        }
        tables.sort(Comparator.comparingInt((Table t) -> t.box().y()).thenComparingInt(t -> t.box().x()));
        return tables;
    }

    private static boolean crosses(Rule h, Rule v, int tol) {
        return v.middle() >= h.from() - tol && v.middle() <= h.to() + tol
                && h.middle() >= v.from() - tol && h.middle() <= v.to() + tol;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static Table table(List<Rule> hs, List<Rule> vs, int tol) {
        int left = Integer.MAX_VALUE;
        int right = Integer.MIN_VALUE;
        for (Rule h : hs) {
            left = Math.min(left, h.from());
            right = Math.max(right, h.to());
        }
        int[] rowEdges = edges(hs, tol, Integer.MIN_VALUE, Integer.MIN_VALUE);
        // A table open at its sides still has its first and last column where its horizontal rules end.
        int[] colEdges = edges(vs, tol, left, right);
        if (rowEdges.length < 2 || colEdges.length < 2) {
            return null;
        }
        List<List<Cell>> cellRows = new ArrayList<>();
        for (int r = 0; r + 1 < rowEdges.length; r++) {
            int y0 = rowEdges[r];
            int y1 = rowEdges[r + 1];
            int mid = (y0 + y1) / 2;
            List<Cell> row = new ArrayList<>();
            int c = 0;
            while (c + 1 < colEdges.length) {
                int end = c + 1;
                while (end + 1 < colEdges.length && !separated(vs, colEdges[end], mid, tol)) {
                    end++;
                }
                row.add(new Cell(r, c, end - c, new Box(colEdges[c], y0, colEdges[end] - colEdges[c], y1 - y0)));
                c = end;
            }
            cellRows.add(row);
        }
        int top = rowEdges[0];
        int bottom = rowEdges[rowEdges.length - 1];
        int x0 = colEdges[0];
        int x1 = colEdges[colEdges.length - 1];
        return new Table(new Box(x0, top, x1 - x0, bottom - top), rowEdges.length - 1, colEdges.length - 1, cellRows);
    }

    /** Whether a vertical rule stands at {@code x} at the height {@code y}. */
    private static boolean separated(List<Rule> vs, int x, int y, int tol) {
        for (Rule v : vs) {
            if (Math.abs(v.middle() - x) <= tol && y >= v.from() && y <= v.to()) {
                return true;
            }
        }
        return false;
    }

    /** The rules' positions, those closer than {@code tol} taken as one, plus the outer bounds when given and apart. */
    private static int[] edges(List<Rule> rules, int tol, int low, int high) {
        int[] mids = rules.stream().mapToInt(Rule::middle).sorted().toArray();
        List<Integer> out = new ArrayList<>();
        if (low != Integer.MIN_VALUE && (mids.length == 0 || mids[0] - low > tol * 3)) {
            out.add(low);
        }
        for (int m : mids) {
            if (out.isEmpty() || m - out.get(out.size() - 1) > tol) {
                out.add(m);
            }
        }
        if (high != Integer.MIN_VALUE && high - out.get(out.size() - 1) > tol * 3) {
            out.add(high);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** How much ink (pixels darker than the page's threshold) lies inside a box of the cleaned page. */
    public static int inkIn(Layout layout, Box box) {
        byte[] g = layout.cleaned();
        int threshold = 128;
        int n = 0;
        for (int y = Math.max(0, box.y()); y < Math.min(layout.height(), box.bottom()); y++) {
            int row = y * layout.width();
            for (int x = Math.max(0, box.x()); x < Math.min(layout.width(), box.right()); x++) {
                if ((g[row + x] & 0xFF) < threshold) {
                    n++;
                }
            }
        }
        return n;
    }
}
