/**
 * The repositories the use cases need, named by their role and implemented in {@code infrastructure/persistence}.
 * Each joins the caller's transaction unless its comment says otherwise; finders answer {@code Optional}, never
 * {@code null}; everything read on behalf of a user is scoped by the user's organisation.
 */
package io.crmkit.whatsapp.application.repository;
