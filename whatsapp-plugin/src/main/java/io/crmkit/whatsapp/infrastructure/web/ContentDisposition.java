package io.crmkit.whatsapp.infrastructure.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Content-Disposition} of a file answer (RFC 6266): shown in place or downloaded, under its own
 * name in any script ({@code filename*}, RFC 8187) with a plain-ASCII stand-in for old clients. Folder parts,
 * quotes and line breaks of a name never reach the header.
 */
public final class ContentDisposition {
    private ContentDisposition() {
    }

    public static String of(boolean inline, String fileName) {
        String name = fileName.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "");
        if (name.isBlank()) {
            name = "file";
        }
        String ascii = name.replaceAll("[^\\x20-\\x7E]", "_").replace('"', '_');
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
