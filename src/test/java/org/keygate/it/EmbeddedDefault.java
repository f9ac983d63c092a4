package org.keygate.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The command line of the embedded default server, read from where it is defined: the
 * payara-micro-maven-plugin configuration in {@code pom.xml} ({@code javaCommandLineOptions} and
 * {@code commandLineOptions}, with {@code ${project.basedir}} resolved). Tests that start Payara
 * Micro themselves use it, so they run what {@code mvn package payara-micro:start} runs.
 */
record EmbeddedDefault(List<String> javaOptions, List<String> options) {

    static EmbeddedDefault fromPom(Path basedir) {
        Element plugin = plugin(basedir.resolve("pom.xml"), "payara-micro-maven-plugin");
        String base = basedir.toAbsolutePath().toString();
        List<String> java = new ArrayList<>();
        for (Element option : options(plugin, "javaCommandLineOptions")) {
            java.add(text(option, "value").replace("${project.basedir}", base));
        }
        List<String> command = new ArrayList<>();
        for (Element option : options(plugin, "commandLineOptions")) {
            command.add(text(option, "key"));
            String value = text(option, "value");
            if (value != null) {
                command.add(value.replace("${project.basedir}", base));
            }
        }
        return new EmbeddedDefault(List.copyOf(java), List.copyOf(command));
    }

    /** The options with {@code --port}'s value replaced (or the option added). */
    List<String> withPort(int port) {
        List<String> result = new ArrayList<>(options);
        int i = result.indexOf("--port");
        if (i < 0) {
            result.add("--port");
            result.add(Integer.toString(port));
        } else {
            result.set(i + 1, Integer.toString(port));
        }
        return result;
    }

    private static Element plugin(Path pom, String artifactId) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(pom.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
        NodeList plugins = doc.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (artifactId.equals(text(plugin, "artifactId"))) {
                return plugin;
            }
        }
        throw new IllegalStateException(pom + " has no " + artifactId);
    }

    private static List<Element> options(Element plugin, String list) {
        List<Element> result = new ArrayList<>();
        NodeList lists = plugin.getElementsByTagName(list);
        if (lists.getLength() == 0) {
            return result;
        }
        for (Node n = lists.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("option")) {
                result.add(e);
            }
        }
        return result;
    }

    /** The text of the direct child element {@code name}, or null. */
    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }
}
