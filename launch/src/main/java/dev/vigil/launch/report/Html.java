package dev.vigil.launch.report;

/**
 * The report page's two escapes: the only ways report text reaches the page. Report text is
 * untrusted in the sense that matters here: what the user said, a scenario's lines, a device's
 * description can hold anything, {@code </script>} included.
 */
final class Html {

    private Html() {
    }

    /**
     * {@code s} as HTML (or SVG) text, safe in element content and in a quoted attribute value:
     * {@code & < > " '} become character references. Control characters other than tab and line
     * breaks, which HTML forbids, become U+FFFD.
     */
    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * JSON text made safe inside {@code <script type="application/json">}: {@code <}, {@code >} and
     * {@code &} become {@code \}{@code u003c} and the like, so neither {@code </script>} nor
     * {@code <!--} can occur in the element, and U+2028/2029 are escaped for old parsers. JSON
     * has these characters only inside strings, where the escapes mean the same characters: the
     * parsed value is unchanged.
     */
    static String scriptJson(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
