package io.crmkit.crm.interfaces.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose word on the client's address is taken ({@code CRM_TRUSTED_PROXIES}: addresses and
 * CIDR ranges, comma-separated, such as {@code 10.0.0.0/8, ::1}). Behind a proxy every request comes from the proxy's
 * address, so throttling by it would let twenty typos lock everybody out; {@code X-Forwarded-For} says who the client
 * is, but anyone can send that header, so it is believed only from a trusted proxy.
 *
 * @param ranges the trusted ranges; none trusts no proxy, and the connection's address is the client's
 */
public record TrustedProxies(List<Range> ranges) {
    /** IP literals only, so that no setting makes the server look a name up. */
    private static final Pattern LITERAL = Pattern.compile(
            "([0-9]{1,3}\\.){3}[0-9]{1,3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /** An address range: the first {@code prefixLength} bits of {@code network}. */
    public record Range(byte[] network, int prefixLength) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** @throws IllegalArgumentException naming the entry that is not an IP address or CIDR range */
    public static TrustedProxies parse(String setting) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("/", -1);
            byte[] network = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                    "CRM_TRUSTED_PROXIES: '" + text + "' is not an IP address or CIDR range"));
            int bits = network.length * 8;
            int prefix = bits;
            if (parts.length == 2 && parts[1].matches("[0-9]{1,3}")) {
                prefix = Integer.parseInt(parts[1]);
            } else if (parts.length != 1) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("CRM_TRUSTED_PROXIES: '" + text + "' has no valid prefix length (0 to "
                        + bits + ")");
            }
            ranges.add(new Range(network, prefix));
        }
        return new TrustedProxies(ranges);
    }

    /**
     * The client's address: the connection's, unless it comes from a trusted proxy; then the nearest address in
     * {@code X-Forwarded-For} (read from the right, as each proxy appends the address it saw) that is not itself a
     * trusted proxy.
     */
    public String clientAddress(String remoteAddress, Optional<String> forwardedFor) {
        if (!trusts(remoteAddress) || forwardedFor.isEmpty()) {
            return remoteAddress;
        }
        List<String> hops = Arrays.stream(forwardedFor.get().split(",")).map(String::strip).toList();
        String client = remoteAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                return client;
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusts(String address) {
        return literal(address).map(bytes -> ranges.stream().anyMatch(range -> range.contains(bytes))).orElse(false);
    }

    private static Optional<byte[]> literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!LITERAL.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
