package org.keygate.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;

import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * persistence.xml lists every managed class and scans nothing (EclipseLink cannot scan WildFly's
 * {@code vfs:} URLs). This keeps the list complete: a new entity or converter that is not listed
 * fails the build here instead of at first use on one server.
 */
class PersistenceUnitTest {

    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void listsEveryManagedClass() throws Exception {
        assertEquals(managedClassesInTheBuild(), listedClasses(),
                "META-INF/persistence.xml must list exactly the @Entity, @Embeddable, @MappedSuperclass and @Converter classes");
    }

    private static Set<String> listedClasses() throws Exception {
        Set<String> listed = new TreeSet<>();
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/persistence.xml"))) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList classes = factory.newDocumentBuilder().parse(in).getElementsByTagNameNS("*", "class");
            for (int i = 0; i < classes.getLength(); i++) {
                listed.add(classes.item(i).getTextContent().trim());
            }
        }
        return listed;
    }

    private static Set<String> managedClassesInTheBuild() throws IOException, ClassNotFoundException {
        Set<String> managed = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = CLASSES.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                if (name.endsWith("package-info") || name.equals("module-info")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, PersistenceUnitTest.class.getClassLoader());
                if (type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(Embeddable.class)
                        || type.isAnnotationPresent(MappedSuperclass.class) || type.isAnnotationPresent(Converter.class)) {
                    managed.add(name);
                }
            }
        }
        return managed;
    }
}
