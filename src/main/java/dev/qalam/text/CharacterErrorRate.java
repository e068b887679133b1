package dev.qalam.text;

/**
 * Character error rate: the edit distance between a reference and a hypothesis, in code points, divided by
 * the reference's length. Runs of white space count as one space and line breaks as spaces, because OCR's
 * line breaking is layout, not content.
 */
public final class CharacterErrorRate {

    private CharacterErrorRate() {
    }

    public static double of(String reference, String hypothesis) {
        int[] ref = normalize(reference);
        int[] hyp = normalize(hypothesis);
        if (ref.length == 0) {
            return hyp.length == 0 ? 0.0 : 1.0;
        }
        return (double) editDistance(ref, hyp) / ref.length;
    }

    static int[] normalize(String s) {
        return TextCleanup.clean(s == null ? "" : s).replaceAll("\\s+", " ").strip().codePoints().toArray();
    }

    static int editDistance(int[] a, int[] b) {
        int[] prev = new int[b.length + 1];
        int[] cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }
}
