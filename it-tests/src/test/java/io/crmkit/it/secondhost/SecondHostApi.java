package io.crmkit.it.secondhost;

import io.crmkit.plugin.spi.RestContribution;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;

/** The second host serves under {@code /api} nothing of its own: only what plugins contribute. */
@ApplicationPath("/api")
public class SecondHostApi extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>();
        ServiceLoader.load(RestContribution.class, getClass().getClassLoader())
                .forEach(contribution -> classes.addAll(contribution.classes()));
        return classes;
    }
}
