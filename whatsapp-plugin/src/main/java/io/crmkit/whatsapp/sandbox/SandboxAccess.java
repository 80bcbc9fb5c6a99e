package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may steer the sandbox ({@code /sandbox/api}). The installation itself, with its key: this server's own
 * sandbox connect, and tests, whose deployment sets the key ({@code whatsapp.sandbox.test-key}); otherwise the
 * key is random and never leaves the server. And a logged-in user who may answer WhatsApp chats, only for the numbers
 * and accounts that their organisation has connected: playing its customers, reading what it sent them (which a
 * view-only user may not read in the product either). Deciding what Meta decides about a template (its review,
 * category and quality) is for the organisation's administrators.
 */
@ApplicationScoped
public class SandboxAccess {
    /** The header that carries the installation's key. */
    public static final String KEY_HEADER = "X-Sandbox-Key";

    @Inject
    @ConfigProperty(name = "whatsapp.sandbox.test-key")
    Optional<String> testKey;
    @Inject
    CrmHost host;
    @Inject
    ChannelRepository channels;
    @Inject
    Permissions permissions;

    private String installationKey;

    @PostConstruct
    void chooseKey() {
        installationKey = testKey.filter(key -> !key.isBlank()).orElseGet(SandboxAccess::randomKey);
    }

    /** For this server's own calls to its sandbox. */
    public String installationKey() {
        return installationKey;
    }

    /** Who calls: the installation (any number), or a user of an organisation, an administrator of it or not. */
    public record Caller(boolean installation, Optional<Long> organisationId, boolean administrator) {
        boolean mayReach(Channel channel) {
            return installation || organisationId.filter(org -> org == channel.organisationId()).isPresent();
        }
    }

    /**
     * The caller; refuses anyone who neither presents the key nor is logged in (401), and a user who may not answer
     * WhatsApp chats (403).
     */
    Caller caller(String presentedKey) {
        if (presentedKey != null && MessageDigest.isEqual(installationKey.getBytes(StandardCharsets.UTF_8),
                presentedKey.getBytes(StandardCharsets.UTF_8))) {
            return new Caller(true, Optional.empty(), true);
        }
        CurrentUser user = host.currentUser().orElseThrow(() -> refusal(Response.Status.UNAUTHORIZED,
                "log in to the CRM first: the sandbox plays only the customers of your own numbers"));
        if (!permissions.levelOf(user).includes(AccessLevel.VIEW_AND_REPLY)) {
            throw refusal(Response.Status.FORBIDDEN, "playing your numbers' customers and reading what they were sent"
                    + " needs the right to answer WhatsApp chats: ask an administrator (Settings > Messages > Permissions)");
        }
        return new Caller(false, Optional.of(user.organisationId()), user.administrator());
    }

    /** Only the installation or an administrator: what Meta decides about a template. */
    Caller administrator(String presentedKey) {
        Caller caller = caller(presentedKey);
        if (!caller.administrator()) {
            throw refusal(Response.Status.FORBIDDEN, "only an administrator decides what Meta would decide about a template");
        }
        return caller;
    }

    /** Only the installation: test control such as faults, new accounts and callback URLs. */
    Caller installation(String presentedKey) {
        Caller caller = caller(presentedKey);
        if (!caller.installation()) {
            throw refusal(Response.Status.FORBIDDEN, "only this installation's own tests may do this");
        }
        return caller;
    }

    /** A number the caller may reach: connected by their organisation (the installation reaches all). */
    void requireNumber(Caller caller, String phoneNumberId) {
        if (!caller.installation() && channels.findByPhoneNumberId(phoneNumberId)
                .filter(channel -> channel.status() != ChannelStatus.DISCONNECTED).filter(caller::mayReach).isEmpty()) {
            throw refusal(Response.Status.NOT_FOUND, "no sandbox number " + phoneNumberId + " of yours");
        }
    }

    /** Whether the caller may see what happens on this number. */
    boolean reaches(Caller caller, String phoneNumberId) {
        return caller.installation() || channels.findByPhoneNumberId(phoneNumberId)
                .filter(channel -> channel.status() != ChannelStatus.DISCONNECTED).filter(caller::mayReach).isPresent();
    }

    static WebApplicationException refusal(Response.Status status, String error) {
        return new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Jsonp.createObjectBuilder().add("error", error).build()).build());
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
