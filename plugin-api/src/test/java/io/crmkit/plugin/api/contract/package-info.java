/**
 * The contract test kit of plugin API v1: abstract JUnit 5 tests that a host's adapter must pass.
 *
 * <p>A host extends {@link io.crmkit.plugin.api.contract.HostServicesContract} in its own test sources, in
 * whatever way gives it a running adapter (the reference host deploys with Arquillian and runs the kit in
 * the container), and supplies two organisations and one active user. Published as the {@code plugin-api}
 * test-jar.
 */
package io.crmkit.plugin.api.contract;
