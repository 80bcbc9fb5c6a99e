package io.crmkit.whatsapp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta's resumable upload for template samples: a session is opened for a file's name, length and type; its bytes,
 * posted to the session with {@code Authorization: OAuth <token>} and {@code file_offset: 0}, make a file whose
 * handle a template's header example names. Sessions live in memory; the files are kept as media.
 */
@ApplicationScoped
public class SandboxUploads {
    /** Sessions opened and not finished that the sandbox keeps at most; the oldest are dropped past it. */
    static final int OPEN_SESSIONS_MAX = 1_000;

    @Inject
    SandboxMedia media;

    private record Session(String token, String fileName, long length, String type) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** Answers the session's id as Meta writes it: {@code upload:<id>?sig=<signature>}. */
    String start(String token, String fileName, long length, String type) {
        if (sessions.size() >= OPEN_SESSIONS_MAX) {
            sessions.clear();
        }
        String id = "upload:" + Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        sessions.put(id, new Session(token, fileName == null ? "sample" : fileName, length, type));
        return id + "?sig=" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The handle of the file posted to a session, when the session, its token and the length match. */
    Optional<String> finish(String sessionId, String authorization, byte[] content) {
        Session session = sessions.get(sessionId);
        String token = authorization == null ? "" : authorization.replaceFirst("^OAuth\\s+", "");
        if (session == null || !session.token().equals(token) || session.length() != content.length) {
            return Optional.empty();
        }
        sessions.remove(sessionId);
        String handle = "4::" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        media.store(handle, "app", session.type(), content, session.fileName());
        return Optional.of(handle);
    }
}
