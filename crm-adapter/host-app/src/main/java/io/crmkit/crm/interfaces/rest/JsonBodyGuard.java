package io.crmkit.crm.interfaces.rest;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Guards the JSON bodies of the API while they are read: refuses those nested deeper than {@value #MAX_DEPTH}
 * levels (the JSON parser descends recursively, and a body of a hundred thousand brackets would exhaust the
 * request thread's stack; no request of this API nests more than a few levels), and a body that is no JSON
 * object where an endpoint takes one. Both are {@code MALFORMED_PAYLOAD}.
 */
public class JsonBodyGuard implements ReaderInterceptor {
    static final int MAX_DEPTH = 64;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getMediaType() != null && context.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            context.setInputStream(new DepthCounting(context.getInputStream()));
        }
        Object body = context.proceed();
        if (JsonObject.class.equals(context.getType()) && body != null && !(body instanceof JsonObject)) {
            throw new JsonException("the body is JSON, but not the object this endpoint takes");
        }
        return body;
    }

    /** Follows the nesting byte by byte as the parser reads; brackets inside strings do not count. */
    private static final class DepthCounting extends FilterInputStream {
        private int depth;
        private boolean inString;
        private boolean escaped;

        DepthCounting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                follow((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            for (int i = 0; i < count; i++) {
                follow(buffer[offset + i]);
            }
            return count;
        }

        private void follow(byte b) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    throw new JsonException("the JSON nests deeper than " + MAX_DEPTH + " levels");
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
    }
}
