package io.crmkit.whatsapp.application.channels;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.application.MetaUnavailable;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MetaApiException;
import io.crmkit.whatsapp.application.meta.MetaAuthorizationException;
import io.crmkit.whatsapp.application.meta.PhoneNumberDetails;
import io.crmkit.whatsapp.application.meta.TransientMetaException;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelMode;
import io.crmkit.whatsapp.domain.ChannelStatus;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connecting, editing and disconnecting numbers (Settings > Channels > Messages). Only administrators
 * reach it. Calls to Meta happen outside database transactions; the channel is stored once Meta accepted
 * the token, listed the number and subscribed the app.
 */
@ApplicationScoped
public class ChannelService {
    private static final Logger LOG = Logger.getLogger(ChannelService.class.getName());

    @Inject
    CloudApi meta;
    @Inject
    ChannelRepository channels;
    @Inject
    AccessTokens tokens;
    @Inject
    CrmHost host;
    @Inject
    TestNumbers sandbox;

    private final Clock clock = Clock.systemUTC();

    public List<Channel> list(CurrentUser admin) {
        return channels.list(admin.organisationId());
    }

    public Channel get(CurrentUser admin, long channelId) {
        return channels.find(admin.organisationId(), channelId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CHANNEL, channelId));
    }

    public Channel connect(CurrentUser admin, ConnectRequest request) {
        if (request.mode() == null) {
            throw Refusal.invalid("mode", RefusalText.REQUIRED_ONE_OF, "mode", ChannelMode.choices());
        }
        Channel.requireValidName(request.name());
        List<Long> assignees = activeUsers(admin, Channel.requireValidAssignees(request.assigneeIds()));
        Credentials credentials = switch (request.mode()) {
            case SANDBOX -> callMeta(() -> {
                TestNumbers.TestNumber number = sandbox.provision();
                return new Credentials(number.phoneNumberId(), number.wabaId(), number.accessToken());
            });
            case MANUAL -> new Credentials(required(request.phoneNumberId(), "phoneNumberId"),
                    required(request.wabaId(), "wabaId"), required(request.accessToken(), "accessToken"));
            case EMBEDDED_SIGNUP -> fromEmbeddedSignup(request);
        };
        PhoneNumberDetails number = verifyAndSubscribe(credentials);
        Channel.MetaNumber metaNumber = new Channel.MetaNumber(credentials.phoneNumberId(), credentials.wabaId(),
                number.displayPhoneNumber(), number.verifiedName());
        byte[] token = tokens.seal(credentials.phoneNumberId(), credentials.accessToken());
        Optional<Channel> existing = channels.findByPhoneNumberId(credentials.phoneNumberId());
        if (existing.isPresent()) {
            Channel known = existing.get();
            if (known.organisationId() != admin.organisationId()) {
                throw Refusal.invalid("phoneNumberId", RefusalText.NUMBER_OF_ANOTHER_ORGANISATION);
            }
            if (known.status() != ChannelStatus.DISCONNECTED) {
                throw Refusal.invalid("phoneNumberId", RefusalText.NUMBER_CONNECTED_ALREADY);
            }
            return channels.change(admin.organisationId(), known.id(), channel ->
                    channel.reconnect(request.name(), request.mode(), metaNumber, token, assignees, clock.instant()));
        }
        return channels.add(new Channel(admin.organisationId(), request.name(), request.mode(), metaNumber, token,
                assignees, clock.instant()));
    }

    private record Credentials(String phoneNumberId, String wabaId, String accessToken) {
    }

    private Credentials fromEmbeddedSignup(ConnectRequest request) {
        String code = required(request.code(), "code");
        String wabaId = required(request.wabaId(), "wabaId");
        String phoneNumberId = required(request.phoneNumberId(), "phoneNumberId");
        String token;
        try {
            token = callMeta(() -> meta.exchangeCode(code));
        } catch (Refusal refused) {
            if (refused.code() == ProblemCode.META_UNAVAILABLE) {
                throw refused;
            }
            throw Refusal.invalid("code", RefusalText.SIGNUP_CODE_REFUSED);
        }
        if (!callMeta(() -> meta.inspectToken(token)).covers(wabaId)) {
            throw Refusal.invalid("wabaId", RefusalText.SIGNUP_MISSES_ACCOUNT, wabaId);
        }
        return new Credentials(phoneNumberId, wabaId, token);
    }

    private PhoneNumberDetails verifyAndSubscribe(Credentials credentials) {
        List<PhoneNumberDetails> numbers = callMeta(() -> meta.phoneNumbers(credentials.accessToken(), credentials.wabaId()));
        PhoneNumberDetails number = numbers.stream().filter(n -> n.id().equals(credentials.phoneNumberId())).findFirst()
                .orElseThrow(() -> Refusal.invalid("phoneNumberId", RefusalText.NUMBER_NOT_IN_ACCOUNT,
                        credentials.phoneNumberId(), credentials.wabaId()));
        if (number.needsRegistration()) {
            callMeta(() -> {
                meta.register(credentials.accessToken(), credentials.phoneNumberId(), newPin());
                return null;
            });
        }
        callMeta(() -> {
            meta.subscribeApp(credentials.accessToken(), credentials.wabaId());
            return null;
        });
        return number;
    }

    /** Renames, reassigns, or re-authorises with a new token (which Meta must accept first). */
    public Channel update(CurrentUser admin, long channelId, Optional<String> name, Optional<List<Long>> assigneeIds,
                          Optional<String> newAccessToken) {
        Channel current = get(admin, channelId);
        Optional<List<Long>> assignees = assigneeIds.map(ids -> activeUsers(admin, ids));
        Optional<byte[]> token = newAccessToken.map(t -> {
            current.requireNotDisconnected();
            callMeta(() -> meta.phoneNumber(t, current.phoneNumberId()));
            return tokens.seal(current.phoneNumberId(), t);
        });
        return channels.change(admin.organisationId(), channelId, channel -> {
            name.ifPresent(channel::rename);
            assignees.ifPresent(channel::assign);
            token.ifPresent(channel::reauthorise);
        });
    }

    /** Stops webhooks at Meta (unless another channel of the account still needs them) and keeps all history. */
    public Channel disconnect(CurrentUser admin, long channelId) {
        Channel channel = get(admin, channelId);
        if (channel.status() != ChannelStatus.DISCONNECTED
                && !channels.otherConnectedChannelOfAccount(channel.wabaId(), channel.id())) {
            try {
                meta.unsubscribeApp(tokens.of(channel), channel.wabaId());
            } catch (MetaApiException | FaultToleranceException unreachable) {
                // The channel is disconnected here regardless: its webhooks are ignored from now on.
                LOG.log(Level.WARNING, "Could not unsubscribe account {0} at Meta: {1}",
                        new Object[]{channel.wabaId(), unreachable.getMessage()});
            }
        }
        return channels.change(admin.organisationId(), channelId, c -> c.disconnect(clock.instant()));
    }

    /**
     * Connects a disconnected number again, keeping its conversations: a sandbox number gets a new token from the
     * sandbox, another number needs a new token from its administrator. Meta must accept the token first.
     */
    public Channel reconnect(CurrentUser admin, long channelId, Optional<String> accessToken) {
        Channel channel = get(admin, channelId);
        if (channel.status() != ChannelStatus.DISCONNECTED) {
            throw Refusal.invalid("status", RefusalText.NUMBER_CONNECTED);
        }
        String token = channel.mode() == ChannelMode.SANDBOX
                ? callMeta(() -> sandbox.reissue(channel.wabaId()).accessToken())
                : required(accessToken, "accessToken");
        PhoneNumberDetails number = verifyAndSubscribe(new Credentials(channel.phoneNumberId(), channel.wabaId(), token));
        Channel.MetaNumber metaNumber = new Channel.MetaNumber(channel.phoneNumberId(), channel.wabaId(),
                number.displayPhoneNumber(), number.verifiedName());
        byte[] sealed = tokens.seal(channel.phoneNumberId(), token);
        List<Long> assignees = channel.assigneeIds().stream().filter(id -> host.organisation(admin.organisationId()).users()
                .find(id).filter(User::active).isPresent()).toList();
        return channels.change(admin.organisationId(), channelId, c ->
                c.reconnect(c.name(), c.mode(), metaNumber, sealed, assignees, clock.instant()));
    }

    /** Asks Meta whether the channel's token still works; a refusal marks the channel for re-authorisation. */
    public Channel check(CurrentUser admin, long channelId) {
        Channel channel = get(admin, channelId);
        channel.requireNotDisconnected();
        try {
            meta.phoneNumber(tokens.of(channel), channel.phoneNumberId());
            return channel;
        } catch (MetaAuthorizationException refused) {
            return channels.change(admin.organisationId(), channelId, Channel::requireReauthorisation);
        } catch (TransientMetaException | FaultToleranceException unavailable) {
            throw MetaUnavailable.refusal(unavailable);
        } catch (MetaApiException refused) {
            throw Refusal.invalid("phoneNumberId", RefusalText.NUMBER_REFUSED_NOW, refused.error().describe());
        }
    }

    private List<Long> activeUsers(CurrentUser admin, List<Long> userIds) {
        for (Long id : userIds) {
            boolean active = id != null && host.organisation(admin.organisationId()).users().find(id)
                    .filter(User::active).isPresent();
            if (!active) {
                throw Refusal.invalid("assigneeIds", RefusalText.NOT_AN_ACTIVE_USER, id);
            }
        }
        return userIds;
    }

    private static String required(Optional<String> value, String field) {
        return value.map(String::strip).filter(v -> !v.isEmpty())
                .orElseThrow(() -> Refusal.invalid(field, RefusalText.REQUIRED, field));
    }

    /** Runs a Meta call, turning its failures into refusals an administrator can act on. */
    private static <T> T callMeta(Supplier<T> call) {
        try {
            return call.get();
        } catch (MetaAuthorizationException refused) {
            throw Refusal.invalid("accessToken", RefusalText.TOKEN_REFUSED, refused.error().describe());
        } catch (TransientMetaException | FaultToleranceException unavailable) {
            throw MetaUnavailable.refusal(unavailable);
        } catch (MetaApiException refused) {
            throw Refusal.invalid("phoneNumberId", RefusalText.META_REFUSED, refused.error().describe());
        }
    }

    private static String newPin() {
        return String.format("%06d", new SecureRandom().nextInt(1_000_000));
    }
}
