package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.application.Passwords;
import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.util.Optional;

/** Checks a username and password against the CRM's active users. */
@ApplicationScoped
public class CrmIdentityStore implements IdentityStore {
    /** Verified against when the user is unknown, so that unknown and known users take the same time. */
    private volatile String decoyHash;

    @Inject
    UserAdministration users;
    @Inject
    Passwords passwords;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        Optional<UserAccount> user = users.findByUsername(credential.getCaller()).filter(UserAccount::isActive);
        String hash = user.map(UserAccount::passwordHash).orElseGet(this::decoyHash);
        boolean matches = passwords.matches(credential.getPasswordAsString(), hash);
        return user.isPresent() && matches
                ? new CredentialValidationResult(user.get().username())
                : CredentialValidationResult.INVALID_RESULT;
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = passwords.hash(Passwords.random());
        }
        return decoyHash;
    }
}
