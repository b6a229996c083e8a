package dev.eventstream.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM is what users declare the version in, once: it must name every published module, at the version the
 * build makes. A module is published unless its pom skips its javadoc jar (tests, examples, benchmarks).
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bomManagesEveryPublishedModuleAtTheProjectVersion() throws Exception {
        Document root = parse(ROOT.resolve("pom.xml"));
        String projectVersion = childText(root.getDocumentElement(), "version");
        Document bom = parse(ROOT.resolve("eventstream-bom/pom.xml"));

        List<String> published = new ArrayList<>();
        for (String module : texts(root.getDocumentElement(), "modules", "module")) {
            Document pom = parse(ROOT.resolve(module).resolve("pom.xml"));
            String artifactId = childText(pom.getDocumentElement(), "artifactId");
            String packaging = childText(pom.getDocumentElement(), "packaging");
            boolean skipped = Files.readString(ROOT.resolve(module).resolve("pom.xml"))
                    .contains("<maven.javadoc.skip>true</maven.javadoc.skip>");
            if (!skipped && !"pom".equals(packaging)) {
                published.add(artifactId);
            }
        }
        List<String> managed = new ArrayList<>();
        NodeList dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            assertThat(childText(dependency, "groupId")).isEqualTo("dev.eventstream");
            assertThat(childText(dependency, "version")).isEqualTo("${eventstream.version}");
            managed.add(childText(dependency, "artifactId"));
        }

        assertThat(published).contains("eventstore-api", "adapter-dynamodb");
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
        assertThat(childText(bom.getDocumentElement(), "version")).isEqualTo(projectVersion);
        Element properties = (Element) bom.getElementsByTagName("properties").item(0);
        assertThat(childText(properties, "eventstream.version")).isEqualTo(projectVersion);
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static List<String> texts(Element parent, String container, String name) {
        List<String> values = new ArrayList<>();
        Element list = child(parent, container);
        for (Node n = list.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                values.add(e.getTextContent().trim());
            }
        }
        return values;
    }

    private static String childText(Element parent, String name) {
        Element child = child(parent, name);
        return child == null ? null : child.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
