package io.crmkit.whatsapp.application.webhook;

/**
 * How deeply a JSON text nests its objects and arrays, measured on the raw bytes before any parser sees them:
 * JSON parsers descend recursively, and a body nested a hundred thousand levels deep would exhaust the stack of
 * the request's thread. Meta's payloads nest fewer than ten levels.
 */
final class JsonNesting {
    static final int MAX_DEPTH = 64;

    private JsonNesting() {
    }

    /** Whether the text nests deeper than {@code maxDepth}; brackets inside strings do not count. */
    static boolean deeperThan(byte[] json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > maxDepth) {
                    return true;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return false;
    }
}
