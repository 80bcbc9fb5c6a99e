package io.crmkit.whatsapp.application;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.repository.QuickReplyRepository;
import io.crmkit.whatsapp.domain.QuickReply;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Quick replies of an organisation: agents who may reply read them; administrators manage them. */
@ApplicationScoped
public class QuickReplies {
    @Inject
    QuickReplyRepository replies;
    @Inject
    Permissions permissions;

    public List<QuickReply> list(CurrentUser user) {
        permissions.requireReply(user);
        return replies.list(user.organisationId());
    }

    @Transactional
    public QuickReply create(CurrentUser admin, String shortcut, String text) {
        QuickReply reply = new QuickReply(admin.organisationId(), shortcut, text);
        requireFree(admin.organisationId(), reply.shortcut(), Optional.empty());
        return replies.add(reply);
    }

    @Transactional
    public QuickReply update(CurrentUser admin, long id, String shortcut, String text) {
        QuickReply reply = find(admin, id);
        reply.rewrite(shortcut, text);
        requireFree(admin.organisationId(), reply.shortcut(), Optional.of(id));
        return reply;
    }

    @Transactional
    public void delete(CurrentUser admin, long id) {
        replies.remove(find(admin, id));
    }

    private QuickReply find(CurrentUser admin, long id) {
        return replies.find(admin.organisationId(), id).orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_QUICK_REPLY, id));
    }

    private void requireFree(long organisationId, String shortcut, Optional<Long> except) {
        if (replies.shortcutTaken(organisationId, shortcut, except)) {
            throw Refusal.invalid("shortcut", RefusalText.SHORTCUT_TAKEN, shortcut);
        }
    }
}
