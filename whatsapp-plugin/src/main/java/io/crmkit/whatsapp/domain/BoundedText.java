package io.crmkit.whatsapp.domain;

/**
 * Text that must fit a bounded column. Customers' names and Meta's words come in any length; the product
 * keeps them shortened with an ellipsis rather than refusing what it has already acknowledged.
 */
public final class BoundedText {
    private static final String ELLIPSIS = "…";

    private BoundedText() {
    }

    /**
     * The text itself when it has at most {@code maxCodePoints} characters, otherwise its beginning and an
     * ellipsis, together exactly {@code maxCodePoints} characters. Counts code points, as PostgreSQL's
     * {@code varchar(n)} does, and never splits one.
     */
    public static String fit(String text, int maxCodePoints) {
        if (maxCodePoints < 1) {
            throw new IllegalArgumentException("maxCodePoints must be positive");
        }
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxCodePoints - 1);
        return text.substring(0, end) + ELLIPSIS;
    }
}
