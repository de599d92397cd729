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

  public ConfigEdits set(String path, Object value) {
    edits.put(path, value);
    return this;
  }

  /** Deletes a top-level field the example has, as the operator deletes the {@code placeholders} line. */
  public ConfigEdits without(String field) {
    removed.add(field);
    return this;
  }

  /** The example's YAML text with the edits applied, written to {@code out}. */
  public Path writeFrom(String exampleText, Path out) throws IOException {
    ObjectNode root = (ObjectNode) YAML.readTree(exampleText);
    for (String field : removed) {
      if (root.remove(field) == null) {
        throw new IllegalArgumentException(field + ": the example has no such field to delete");
      }
    }
    edits.forEach((path, value) -> apply(root, path, value));
    YAML.writeValue(out.toFile(), root);
    return out;
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
