package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.application.Passwords;
import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a username and password against the CRM's active users.
 *
 * <p>API clients send HTTP Basic credentials with every request, and a PBKDF2 check is deliberately slow.
 * A credential verified in the last {@link #REMEMBERED_FOR} is therefore remembered, keyed by a salted
 * SHA-256 of username and password (the password itself is never kept), and trusted only while the user
 * is still active with the same password hash.
 */
@ApplicationScoped
public class CrmIdentityStore implements IdentityStore {
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;

    private final byte[] cacheSalt = new byte[32];
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** Verified against when the user is unknown, so that unknown and known users take the same time. */
    private volatile String decoyHash;

    @Inject
    UserAdministration users;
    @Inject
    Passwords passwords;

    private record Verified(String passwordHash, long validUntilNanos) {
    }

    public CrmIdentityStore() {
        new SecureRandom().nextBytes(cacheSalt);
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<UserAccount> user = users.findByUsername(credential.getCaller()).filter(UserAccount::isActive);
        String key = cacheKey(credential.getCaller(), credential.getPasswordAsString());
        Verified remembered = verified.get(key);
        if (user.isPresent() && remembered != null && remembered.validUntilNanos() - System.nanoTime() > 0
                && remembered.passwordHash().equals(user.get().passwordHash())) {
            return new CredentialValidationResult(user.get().username());
        }
        String hash = user.map(UserAccount::passwordHash).orElseGet(this::decoyHash);
        boolean matches = passwords.matches(credential.getPasswordAsString(), hash);
        if (user.isEmpty() || !matches) {
            verified.remove(key);
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, new Verified(hash, System.nanoTime() + REMEMBERED_FOR.toNanos()));
        return new CredentialValidationResult(user.get().username());
    }

    private String cacheKey(String username, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(cacheSalt);
            sha256.update(username.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha256.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = passwords.hash(Passwords.random());
        }
        return decoyHash;
    }
}
