package io.crmkit.crm.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Someone who logs in to the CRM. The password is kept only as a PBKDF2 hash. A deactivated user cannot log
 * in and receives no new work, but keeps authorship of what they did.
 */
@Entity
@Table(schema = "crm", name = "user_account")
public class UserAccount {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,100}");

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "organisation_id", nullable = false)
    private long organisationId;
    @Column(nullable = false, unique = true)
    private String username;
    @Column(nullable = false)
    private String name;
    private String email;
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;
    @Column(name = "profile_id", nullable = false)
    private long profileId;
    @Column(nullable = false)
    private boolean active;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserAccount() {
    }

    public UserAccount(long organisationId, String username, String name, Optional<String> email, long profileId,
                       String passwordHash) {
        this.organisationId = organisationId;
        String login = Fields.required("username", username, 100);
        if (!USERNAME.matcher(login).matches()) {
            throw new InvalidInputException("username", RefusalText.USERNAME_FORM);
        }
        this.username = login;
        this.name = Fields.required("name", name, Fields.TITLE_MAX);
        this.email = email.orElse(null);
        this.profileId = profileId;
        this.passwordHash = passwordHash;
        this.active = true;
        this.createdAt = Instant.now();
    }

    public void rename(String newName) {
        this.name = Fields.required("name", newName, Fields.TITLE_MAX);
    }

    public void changeEmail(Optional<String> newEmail) {
        this.email = newEmail.orElse(null);
    }

    public void moveToProfile(long newProfileId) {
        this.profileId = newProfileId;
    }

    public void deactivate() {
        this.active = false;
    }

    public void reactivate() {
        this.active = true;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public long id() {
        return id;
    }

    public long organisationId() {
        return organisationId;
    }

    public String username() {
        return username;
    }

    public String name() {
        return name;
    }

    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    public long profileId() {
        return profileId;
    }

    public boolean isActive() {
        return active;
    }

    public String passwordHash() {
        return passwordHash;
    }
}
