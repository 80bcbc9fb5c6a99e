package io.crmkit.whatsapp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the emulated Meta knows: accounts, numbers, tokens, signup codes, subscriptions, and what it received.
 * Numbers, tokens and subscriptions are kept by the {@link SandboxStore} and come back after a restart; tokens are
 * known by their SHA-256 only, as they are only ever checked.
 */
@ApplicationScoped
public class SandboxState {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AtomicLong sequence = new AtomicLong(100_000_000_000L + RANDOM.nextInt(1_000_000));

    /** A number of an account; {@code registered} false until the Cloud API registration call. */
    public record Number(String id, String wabaId, String displayPhoneNumber, String verifiedName, boolean registered) {
    }

    /** A signup code and the token it stands for; valid for 30 seconds like Meta's. */
    record SignupCode(String token, Instant expiresAt) {
    }

    /** A request the sandbox received, for tests to count. */
    public record Received(String method, String path, Instant at) {
    }

    @Inject
    SandboxStore store;
    @Inject
    SandboxConversations conversations;

    // Private on purpose: callers hold a CDI proxy, so state is reached through methods only.
    private final Map<String, Number> numbers = new ConcurrentHashMap<>();
    /** The accounts each token may manage, by the token's SHA-256 in hex. */
    private final Map<String, Set<String>> wabasByToken = new ConcurrentHashMap<>();
    private final Map<String, SignupCode> codes = new ConcurrentHashMap<>();
    private final Set<String> subscribedWabas = ConcurrentHashMap.newKeySet();
    private final RecentRecords<Received> received = new RecentRecords<>(20_000);

    /** Takes back what the sandbox knew before this start; called once, when the sandbox is on. */
    public void restore() {
        SandboxStore.Snapshot kept = store.open();
        kept.numbers().forEach(number -> numbers.put(number.id(), number));
        kept.grants().forEach(grant -> wabasByToken.computeIfAbsent(HexFormat.of().formatHex(grant.tokenSha256()),
                t -> ConcurrentHashMap.newKeySet()).add(grant.wabaId()));
        subscribedWabas.addAll(kept.subscriptions());
        kept.windows().forEach(window -> conversations.restoreWindow(window.phoneNumberId(), window.waId(),
                window.lastInboundAt()));
        numbers.keySet().stream().mapToLong(Long::parseLong).max()
                .ifPresent(highest -> sequence.accumulateAndGet(highest, Math::max));
    }

    private static byte[] sha256(String token) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String key(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    void recordRequest(String method, String path) {
        received.add(new Received(method, path, Instant.now()));
    }

    void issueCode(String code, String token) {
        codes.put(code, new SignupCode(token, Instant.now().plusSeconds(30)));
    }

    /** The token a code stands for, once, while it is valid. */
    Optional<String> redeemCode(String code) {
        SignupCode signup = code == null ? null : codes.remove(code);
        return signup == null || signup.expiresAt().isBefore(Instant.now()) ? Optional.empty() : Optional.of(signup.token());
    }

    Set<String> accountsOf(String token) {
        return token == null ? Set.of() : Set.copyOf(wabasByToken.getOrDefault(key(token), Set.of()));
    }

    boolean knowsToken(String token) {
        return token != null && wabasByToken.containsKey(key(token));
    }

    void subscribe(String wabaId) {
        subscribedWabas.add(wabaId);
        store.keepSubscription(wabaId, true);
    }

    void unsubscribe(String wabaId) {
        subscribedWabas.remove(wabaId);
        store.keepSubscription(wabaId, false);
    }

    /** Revokes every token of an account, as when its system user loses access at Meta. */
    public void revokeAccount(String wabaId) {
        wabasByToken.entrySet().removeIf(entry -> entry.getValue().contains(wabaId));
        store.forgetGrantsOf(wabaId);
    }

    List<Number> allNumbers() {
        return List.copyOf(numbers.values());
    }

    String newId() {
        return Long.toString(sequence.incrementAndGet());
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "EAAS" + HexFormat.of().formatHex(bytes);
    }

    /** A new account with one number, and a token that may manage it. */
    public Number createAccount(boolean registered) {
        String wabaId = newId();
        String numberId = newId();
        String display = "+1 555 01" + numberId.substring(numberId.length() - 2) + " " + numberId.substring(numberId.length() - 4);
        Number number = new Number(numberId, wabaId, display, "Sandbox Business " + numberId.substring(numberId.length() - 4),
                registered);
        numbers.put(numberId, number);
        store.keepNumber(number);
        return number;
    }

    public String grantToken(String wabaId) {
        String token = newToken();
        wabasByToken.computeIfAbsent(key(token), t -> ConcurrentHashMap.newKeySet()).add(wabaId);
        store.keepGrant(sha256(token), wabaId);
        return token;
    }

    boolean tokenMayManage(String token, String wabaId) {
        return accountsOf(token).contains(wabaId);
    }

    Optional<Number> number(String id) {
        return Optional.ofNullable(numbers.get(id));
    }

    List<Number> numbersOf(String wabaId) {
        List<Number> result = new ArrayList<>();
        numbers.values().stream().filter(n -> n.wabaId().equals(wabaId)).forEach(result::add);
        return result;
    }

    void register(String numberId) {
        Number registered = numbers.computeIfPresent(numberId,
                (id, n) -> new Number(id, n.wabaId(), n.displayPhoneNumber(), n.verifiedName(), true));
        if (registered != null) {
            store.keepNumber(registered);
        }
    }

    public boolean isSubscribed(String wabaId) {
        return subscribedWabas.contains(wabaId);
    }

    public long countReceived(String method, String pathFragment) {
        return received.all().stream().filter(r -> r.method().equals(method) && r.path().contains(pathFragment)).count();
    }
}
