/**
 * The reference host's implementation of plugin API v1: translates between the host's entities and the
 * records of {@code io.crmkit.plugin.api}, so that plugins never see a host entity.
 */
package io.crmkit.crm.adapter;
