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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * is still active with the same password hash. A check that finds no free hashing slot in time answers
 * {@code NOT_VALIDATED} (busy) rather than making its caller wait longer.
 */
@ApplicationScoped
public class CrmIdentityStore implements IdentityStore {
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    /** How long a check waits for a free hashing slot before it answers "busy, try again". */
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(2);
    private static final int MAX_REMEMBERED = 10_000;

    private final byte[] cacheSalt = new byte[32];
    /**
     * Password checks running at once: each costs a core for a while, so concurrent guessing must queue here
     * instead of starving every other request of the CPU.
     */
    private final Semaphore hashing = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
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

    /**
     * Whether this exact credential was verified a moment ago and still holds: checking it again costs no
     * password hashing, so throttling need not hold it back.
     */
    public boolean remembers(UsernamePasswordCredential credential) {
        return users.findByUsername(credential.getCaller()).filter(UserAccount::isActive)
                .filter(user -> stillVerified(user, credential)).isPresent();
    }

    private boolean stillVerified(UserAccount user, UsernamePasswordCredential credential) {
        Verified remembered = verified.get(cacheKey(credential.getCaller(), credential.getPasswordAsString()));
        return remembered != null && remembered.validUntilNanos() - System.nanoTime() > 0
                && remembered.passwordHash().equals(user.passwordHash());
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<UserAccount> user = users.findByUsername(credential.getCaller()).filter(UserAccount::isActive);
        String key = cacheKey(credential.getCaller(), credential.getPasswordAsString());
        if (user.isPresent() && stillVerified(user.get(), credential)) {
            return new CredentialValidationResult(user.get().username());
        }
        String hash = user.map(UserAccount::passwordHash).orElseGet(this::decoyHash);
        boolean matches;
        try {
            if (!hashing.tryAcquire(BUSY_RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS)) {
                return CredentialValidationResult.NOT_VALIDATED_RESULT;
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            matches = passwords.matches(credential.getPasswordAsString(), hash);
        } finally {
            hashing.release();
        }
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
