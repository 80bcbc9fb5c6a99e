package io.crmkit.it.support;

import io.crmkit.plugin.api.ContactService;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.NewContact;
import io.crmkit.plugin.api.OrganisationServices;
import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.TransactionSynchronizationRegistry;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A host that breaks plugin-api's promise the way the reference host once did: for the first names listed in
 * {@value #TABLE}, creating a contact marks the caller's transaction for rollback and still answers normally, so
 * that the caller learns nothing until its commit silently undoes everything. Added to a test deployment only.
 */
@Decorator
@Dependent
@Priority(Interceptor.Priority.APPLICATION)
public abstract class SilentlyRollingBackHost implements CrmHost {
    /** First names whose contacts this host spoils; the test creates it and fills it. */
    public static final String TABLE = "public.it_spoiled_contact_name";

    @Inject
    @Delegate
    @Any
    CrmHost host;

    @Override
    public OrganisationServices organisation(long organisationId) {
        OrganisationServices services = host.organisation(organisationId);
        return (OrganisationServices) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{OrganisationServices.class}, (proxy, method, args) -> {
                    Object answer = invoke(method, services, args);
                    return method.getName().equals("contacts") ? spoiling((ContactService) answer) : answer;
                });
    }

    private static ContactService spoiling(ContactService contacts) {
        return (ContactService) Proxy.newProxyInstance(SilentlyRollingBackHost.class.getClassLoader(),
                new Class<?>[]{ContactService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("create") && spoiled(fullName((NewContact) args[0]))) {
                        lookup("java:comp/TransactionSynchronizationRegistry", TransactionSynchronizationRegistry.class)
                                .setRollbackOnly();
                    }
                    return invoke(method, contacts, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }

    private static String fullName(NewContact contact) {
        return (contact.firstName() + " " + contact.lastName()).strip();
    }

    private static boolean spoiled(String name) throws SQLException {
        DataSource database = lookup(PluginContext.DATA_SOURCE_JNDI_NAME, DataSource.class);
        try (Connection connection = database.getConnection();
             PreparedStatement select = connection.prepareStatement("select count(*) from " + TABLE + " where name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getLong(1) > 0;
            }
        }
    }

    private static <T> T lookup(String name, Class<T> type) {
        try {
            return type.cast(InitialContext.doLookup(name));
        } catch (NamingException missing) {
            throw new IllegalStateException(name + " is not bound", missing);
        }
    }
}
