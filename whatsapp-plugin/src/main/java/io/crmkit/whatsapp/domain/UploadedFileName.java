package io.crmkit.whatsapp.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The name of an uploaded file as the user's computer wrote it. Browsers send a multipart file name as raw UTF-8
 * bytes, which the server's parser reads one byte a character (ISO-8859-1): "見積書.pdf" would arrive as
 * "è¦ç©æ¸.pdf". A name whose characters are all single bytes that together form UTF-8 is read again as UTF-8;
 * any other name is kept as it came.
 */
public final class UploadedFileName {
    private UploadedFileName() {
    }

    public static String of(String asParsed) {
        if (asParsed.chars().allMatch(c -> c < 0x80) || asParsed.chars().anyMatch(c -> c > 0xFF)) {
            return asParsed;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(asParsed.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return asParsed;
        }
    }
}
