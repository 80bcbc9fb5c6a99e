package io.crmkit.crm.interfaces.rest;

import io.crmkit.plugin.spi.RestContribution;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The REST API under {@code /api}: the host's resources and those every plugin contributes through
 * {@link RestContribution}. The list is explicit so that JAX-RS applications a plugin serves elsewhere
 * (webhooks, say) are not also served here.
 */
@ApplicationPath("/api")
public class CrmRestApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(Set.of(
                ContactsResource.class, CompaniesResource.class, PipelinesResource.class, UsersResource.class,
                PaymentsResource.class,
                SessionResource.class,
                ProblemMappers.InvalidInput.class, ProblemMappers.UnknownRecord.class, ProblemMappers.Denied.class,
                ProblemMappers.NotAuthenticated.class, ProblemMappers.MalformedJson.class,
                ProblemMappers.Framework.class, ProblemMappers.Unexpected.class, JsonBodyGuard.class));
        for (RestContribution contribution : ServiceLoader.load(RestContribution.class, getClass().getClassLoader())) {
            classes.addAll(contribution.classes());
        }
        return classes;
    }

    /** No WADL: the API's description is {@code /openapi}, and nothing else need tell strangers its structure. */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
