package io.crmkit.whatsapp.domain;

/**
 * What a template is for, as Meta classifies (and prices) it. The plugin creates marketing and utility templates;
 * authentication templates made elsewhere are imported and shown, not sent from chats.
 */
public enum TemplateCategory {
    MARKETING, UTILITY, AUTHENTICATION;

    public boolean createdHere() {
        return this != AUTHENTICATION;
    }
}
