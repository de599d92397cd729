package io.campusguard.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An example config with named fields replaced, nothing else: the end-to-end test's way of pointing a shipped
 * example at the test's own services. Paths are dotted, with list indexes: {@code opcua[0].endpointUrl}. Every
 * path must exist in the example, so an edit can never add a field the example does not have.
 */
public final class ConfigEdits {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final Map<String, Object> edits = new LinkedHashMap<>();
  private final List<String> removed = new ArrayList<>();
  private final Map<String, Object> uncommented = new LinkedHashMap<>();
  private Path root;

  public ConfigEdits set(String path, Object value) {
    edits.put(path, value);
    return this;
  }

  /** Deletes a field the example has ({@code placeholders}, {@code mqtt.url}), as the operator deletes its line. */
  public ConfigEdits without(String path) {
    removed.add(path);
    return this;
  }

  /**
   * Sets a field the example shows commented out ({@code # brokerTls: …}), as the operator removes the {@code #}:
   * its parent must exist and the example must have the commented line.
   */
  public ConfigEdits uncomment(String path, Object value) {
    uncommented.put(path, value);
    return this;
  }

  /** Moves every absolute path under /etc, /var and /opt into {@code root}: the docs test's temporary root. */
  public ConfigEdits rootedAt(Path root) {
    this.root = root;
    return this;
  }

  /** The example's YAML text with the edits applied, written to {@code out}. */
  public Path writeFrom(String exampleText, Path out) throws IOException {
    ObjectNode root = (ObjectNode) YAML.readTree(exampleText);
    for (String path : removed) {
      ObjectNode parent = parentOf(root, path);
      if (parent.remove(last(path)) == null) {
        throw new IllegalArgumentException(path + ": the example has no such field to delete");
      }
    }
    uncommented.forEach((path, value) -> {
      if (!exampleText.matches("(?s).*\\n\\s*#\\s*" + java.util.regex.Pattern.quote(last(path)) + ":.*")) {
        throw new IllegalArgumentException(path + ": the example has no commented-out line for it");
      }
      parentOf(root, path).set(last(path), YAML.valueToTree(value));
    });
    edits.forEach((path, value) -> apply(root, path, value));
    if (this.root != null) {
      rebase(root, this.root);
    }
    YAML.writeValue(out.toFile(), root);
    return out;
  }

  private static ObjectNode parentOf(ObjectNode root, String path) {
    JsonNode node = root;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.get(parts[i]);
      if (!(node instanceof ObjectNode)) {
        throw new IllegalArgumentException(path + ": the example has no section " + parts[i]);
      }
    }
    return (ObjectNode) node;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static void rebase(JsonNode node, Path root) {
    if (node instanceof ObjectNode object) {
      object.fields().forEachRemaining(field -> {
        JsonNode value = field.getValue();
        if (value.isTextual() && value.textValue().matches("/(etc|var|opt)/.*")) {
          object.put(field.getKey(), root + value.textValue());
        } else {
          rebase(value, root);
        }
      });
    } else if (node instanceof ArrayNode array) {
      array.forEach(item -> rebase(item, root));
    }
  }

  private static void apply(ObjectNode root, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      int bracket = part.indexOf('[');
      String field = bracket < 0 ? part : part.substring(0, bracket);
      boolean last = i == parts.length - 1;
      if (!node.has(field)) {
        throw new IllegalArgumentException(path + ": the example has no field " + field);
      }
      if (bracket >= 0) {
        int index = Integer.parseInt(part.substring(bracket + 1, part.indexOf(']')));
        ArrayNode list = (ArrayNode) node.get(field);
        if (last) {
          list.set(index, YAML.valueToTree(value));
          return;
        }
        node = list.get(index);
      } else if (last) {
        ((ObjectNode) node).set(field, YAML.valueToTree(value));
      } else {
        node = node.get(field);
      }
    }
  }
}
