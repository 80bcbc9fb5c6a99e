package io.crmkit.whatsapp.interfaces.rest;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an upload into the conversation of path parameter {@code id}: the caller's level, organisation and
 * the conversation are checked before a byte of the body is read ({@link UploadGate}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AnswerableBeforeUpload {
}
